/**
 * Reading AME/AMI status files (partner contract, section 5): a semicolon-separated CSV file with
 * a header row, read as a stream, each data row turned into a canonical {@code STATUS_UPDATE}
 * message or rejected with its line number and problems.
 *
 * <p>Entry point: {@link se.gransnav.statusfile.StatusFileReader}. The messages it produces are
 * not validated against the contract's rules yet (identity number, municipality, schema limits);
 * that is the canonical reader's job.
 */
package se.gransnav.statusfile;
