package se.gransnav.statusfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a byte stream strictly and lazily, in small buffers.
 *
 * <ul>
 *   <li>A UTF-8 byte-order mark at the start is removed and the stream is then decoded as UTF-8,
 *       whatever charset was configured.</li>
 *   <li>Bytes that are malformed or unmappable in the charset are never replaced by a look-alike
 *       character: each such sequence becomes one {@link #UNDECODABLE} character, a lone low
 *       surrogate that no valid decoding produces, so the CSV layer can tell exactly which cells
 *       held such bytes. Separators, quotes and line ends are ASCII and always decode, so an
 *       undecodable sequence never changes the shape of a record.</li>
 *   <li>At most {@code maxRecordChars} characters are delivered between two calls to
 *       {@link #recordDone()}; beyond that {@link #read} throws {@link RecordTooLongException}, so a
 *       quote that is never closed cannot make the CSV parser buffer the whole file.</li>
 *   <li>An {@link IOException} from the underlying stream arrives as {@link InputFailure}, so that it
 *       can be told apart from CSV syntax errors, which the CSV parser also reports as
 *       {@code IOException}s.</li>
 *   <li>{@link #close()} does not close the underlying stream: it belongs to the caller.</li>
 * </ul>
 *
 * Not thread-safe; one instance reads one file.
 */
final class StrictDecodingReader extends Reader {

    /** Stands for one undecodable byte sequence. No charset decoder emits a lone surrogate. */
    static final char UNDECODABLE = '\uDFFF';

    private static final int BUFFER_SIZE = 8192;

    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes;
    private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE);
    private final long maxRecordChars;
    private boolean endOfInput;
    private boolean finished;
    private long charsSinceRecord;

    private StrictDecodingReader(InputStream in, Charset charset, ByteBuffer bytes, long maxRecordChars) {
        this.in = in;
        this.charset = charset;
        this.bytes = bytes;
        this.maxRecordChars = maxRecordChars;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.chars.flip(); // nothing decoded yet
    }

    /** Opens {@code in}, choosing UTF-8 when it starts with a byte-order mark (which is skipped). */
    static StrictDecodingReader open(InputStream in, Charset configured, long maxRecordChars) throws InputFailure {
        byte[] head;
        try {
            head = in.readNBytes(3);
        } catch (IOException e) {
            throw new InputFailure(e);
        }
        boolean bom = head.length == 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
        ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE);
        if (!bom) {
            bytes.put(head);
        }
        bytes.flip();
        return new StrictDecodingReader(in, bom ? StandardCharsets.UTF_8 : configured, bytes, maxRecordChars);
    }

    /** The charset actually used: UTF-8 after a byte-order mark, else the configured one. */
    Charset charset() {
        return charset;
    }

    /** True when the stream holds no characters at all (after any byte-order mark). */
    boolean isEmpty() throws IOException {
        return !chars.hasRemaining() && !fill();
    }

    /** Starts the budget of characters for the next record. */
    void recordDone() {
        charsSinceRecord = 0;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        if (charsSinceRecord + n > maxRecordChars) {
            throw new RecordTooLongException();
        }
        chars.get(target, offset, n);
        charsSinceRecord += n;
        return n;
    }

    /** Decodes at least one more character into {@code chars}; false at the end of the stream. */
    private boolean fill() throws IOException {
        chars.clear();
        while (chars.position() == 0 && !finished) {
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                if (!chars.hasRemaining()) {
                    break; // reported again by the next decode
                }
                bytes.position(bytes.position() + result.length());
                chars.put(UNDECODABLE);
            } else if (result.isUnderflow()) {
                if (chars.position() > 0) {
                    break; // hand over what there is before blocking on the stream
                }
                if (endOfInput) {
                    finished = decoder.flush(chars).isUnderflow();
                } else {
                    readBytes();
                }
            }
            // overflow cannot happen with an empty char buffer of this size
        }
        chars.flip();
        return chars.hasRemaining();
    }

    private void readBytes() throws InputFailure {
        bytes.compact();
        try {
            if (!bytes.hasRemaining()) {
                throw new IllegalStateException("the decoder consumed nothing from a full buffer");
            }
            int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + n);
            }
        } catch (IOException e) {
            throw new InputFailure(e);
        } finally {
            bytes.flip();
        }
    }

    @Override
    public void close() {
        // the underlying stream belongs to the caller
    }

    /** The underlying stream failed; the cause is its exception. */
    static final class InputFailure extends IOException {

        private static final long serialVersionUID = 1L;

        InputFailure(IOException cause) {
            super("the input stream failed", cause);
        }
    }

    /** More characters than allowed without the end of a record. */
    static final class RecordTooLongException extends IOException {

        private static final long serialVersionUID = 1L;

        RecordTooLongException() {
            super("a record is longer than allowed");
        }
    }
}
