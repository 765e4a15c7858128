package se.gransnav.statusfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import se.gransnav.normalise.Problem;
import se.gransnav.normalise.ProblemCode;

class StatusFileReaderTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Test identity numbers: birth numbers 980-999, correct check digits. */
    private static final String PIN = "197908099968";
    private static final String PIN_DASHED = "19850315-9827";

    private static final String HEADER = "Löpnummer;Personnummer;Hemkommun;Datum;Händelse;Kategori;Insats;Timmar;"
            + "PeriodFrån;PeriodTill;Avslutsorsak;Avslutsdetalj;Anställningsform;Omfattning;Subventionerad";

    private final StatusFileReader reader = new StatusFileReader();

    // ---------------------------------------------------------------- the contract's samples

    private static final List<String> SAMPLE_MESSAGES = List.of(
            """
            {"schemaVersion": "1.0", "messageId": "statusfil:88201", "type": "STATUS_UPDATE",
             "occurredAt": "2026-10-01T00:00:00+02:00",
             "participant": {"personalIdentityNumber": "790809-9968", "homeMunicipalityCode": "1482"},
             "statusUpdate": {"status": "ENROLLED"}}
            """,
            """
            {"schemaVersion": "1.0", "messageId": "statusfil:88202", "type": "STATUS_UPDATE",
             "occurredAt": "2026-10-31T00:00:00+01:00",
             "participant": {"personalIdentityNumber": "197908099968", "homeMunicipalityCode": "1482"},
             "statusUpdate": {"status": "ACTIVITY_REPORTED",
               "activity": {"category": "WORK", "kind": "WORK_TRAINING", "hours": 62.5,
                            "periodStart": "2026-10-01", "periodEnd": "2026-10-31"}}}
            """,
            """
            {"schemaVersion": "1.0", "messageId": "statusfil:88203", "type": "STATUS_UPDATE",
             "occurredAt": "2026-10-31T00:00:00+01:00",
             "participant": {"personalIdentityNumber": "197908099968", "homeMunicipalityCode": "1482"},
             "statusUpdate": {"status": "ACTIVITY_REPORTED",
               "activity": {"category": "HEALTH", "kind": "HEALTH_PROMOTION", "hours": 8,
                            "periodStart": "2026-10-01", "periodEnd": "2026-10-31"}}}
            """,
            """
            {"schemaVersion": "1.0", "messageId": "statusfil:88204", "type": "STATUS_UPDATE",
             "occurredAt": "2026-11-02T00:00:00+01:00",
             "participant": {"personalIdentityNumber": "200101309870", "homeMunicipalityCode": "1419"},
             "statusUpdate": {"status": "EXITED",
               "exit": {"reason": "CLOSER_TO_LABOUR_MARKET", "detail": "JOB_SEEKING"}}}
            """,
            """
            {"schemaVersion": "1.0", "messageId": "statusfil:88205", "type": "STATUS_UPDATE",
             "occurredAt": "2026-11-02T00:00:00+01:00",
             "participant": {"personalIdentityNumber": "20010130-9870", "homeMunicipalityCode": "1419"},
             "statusUpdate": {"status": "ACTIVITY_REPORTED",
               "activity": {"category": "SOCIAL", "kind": "HOUSING_SUPPORT", "hours": 4.25,
                            "periodStart": "2026-10-01", "periodEnd": "2026-10-31"}}}
            """,
            """
            {"schemaVersion": "1.0", "messageId": "statusfil:88206", "type": "STATUS_UPDATE",
             "occurredAt": "2026-11-20T00:00:00+01:00",
             "participant": {"personalIdentityNumber": "197908099968", "homeMunicipalityCode": "1482"},
             "statusUpdate": {"status": "EXITED",
               "exit": {"reason": "WORK", "employment": {"permanent": false, "fullTime": true, "subsidised": true}}}}
            """);

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("statusfil-kungalv-ame.csv", UTF_8),
                Arguments.of("statusfil-kungalv-ame.cp1252.csv", WINDOWS_1252),
                // the byte-order mark wins over the configured charset
                Arguments.of("statusfil-kungalv-ame.csv", WINDOWS_1252));
    }

    @ParameterizedTest(name = "{0} configured as {1}")
    @MethodSource("samples")
    void theSamplesGiveTheSameSixMessages(String sample, Charset configured) throws Exception {
        Collected result = read(sampleBytes(sample), configured);

        assertThat(result.rejected()).isEmpty();
        assertThat(result.summary()).isEqualTo(new Summary(6, List.of()));
        assertThat(result.rows()).extracting(Row::lineNumber).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(result.rows()).extracting(Row::rowId)
                .containsExactly("88201", "88202", "88203", "88204", "88205", "88206");
        for (int i = 0; i < SAMPLE_MESSAGES.size(); i++) {
            assertJson(result.rows().get(i).message(), SAMPLE_MESSAGES.get(i));
        }
        assertThat(result.rows().get(1).message().at("/statusUpdate/activity/hours").isBigDecimal()).isTrue();
    }

    @Test
    void theSampleMessagesFollowTheSchema() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                        builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(
                                "https://gransnav.se/schema/", "classpath:schema/")))
                .getSchema(SchemaLocation.of("https://gransnav.se/schema/participant-message-v1.json"),
                        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());

        Collected result = read(sampleBytes("statusfil-kungalv-ame.csv"), UTF_8);

        assertThat(result.rows()).hasSize(6)
                .allSatisfy(row -> assertThat(schema.validate(row.message())).as(row.rowId()).isEmpty());
    }

    @Test
    void aWindows1252FileReadAsUtf8FailsInItsHeader() {
        byte[] file = sampleBytes("statusfil-kungalv-ame.cp1252.csv");
        RecordingHandler handler = new RecordingHandler();

        StatusFileException e = catchThrowableOfType(StatusFileException.class,
                () -> reader.read(new ByteArrayInputStream(file), UTF_8, "kungalv-ame", handler));

        assertThat(e.code()).isEqualTo(ProblemCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(e.lineNumber()).hasValue(1);
        assertThat(e.getMessage()).isEqualTo(
                "line 1: the header row holds bytes that are not valid UTF-8; is the file in another character set?");
        assertThat(handler.events).isEmpty();
    }

    // ---------------------------------------------------------------- character sets

    @Test
    void windows1252BytesInAUtf8FileRejectOnlyTheirRows() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes((HEADER + ";Kommentar\r\n").getBytes(UTF_8));
        file.writeBytes("1;197908099968;1482;2026-10-01;inskriven\r\n".getBytes(UTF_8));
        file.writeBytes("2;197908099968;1482;2026-10-31;aktivitet;arbete;arbetsträning;7;;;;;;;\r\n".getBytes(WINDOWS_1252));
        file.writeBytes("3;197908099968;1482;2026-10-31;aktivitet;hälsa;samtal;2;;;;;;;;\r\n".getBytes(UTF_8));
        file.writeBytes("4;197908099968;1482;2026-10-01;paus;;;;;;;;;;;Bra möte\r\n".getBytes(WINDOWS_1252));
        file.writeBytes("5;197908099968;1482;2026-10-01;återupptagen\r\n".getBytes(UTF_8));

        Collected result = read(file.toByteArray(), UTF_8);

        assertThat(result.summary().dataRows()).isEqualTo(5);
        assertThat(result.rows()).extracting(Row::rowId).containsExactly("1", "3", "5");
        assertThat(result.rejected()).extracting(RejectedRow::lineNumber).containsExactly(3L, 5L);
        assertThat(result.rejected().get(0).rowId()).isEqualTo("2");
        assertThat(result.rejected().get(0).problems()).containsExactly(
                new Problem(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Insats", "holds bytes that are not valid UTF-8"));
        // also in a column the hub ignores: the row is read exactly as sent, or not at all
        assertThat(result.rejected().get(1).problems()).containsExactly(
                new Problem(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "", "column 16 holds bytes that are not valid UTF-8"));
    }

    @Test
    void anUndecodableCellIsReportedOnceAndNotAlsoAsAnUnknownWord() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes((HEADER + "\n").getBytes(UTF_8));
        file.writeBytes("7;197908099968;1482;2026-10-01;återupptagen\n".getBytes(WINDOWS_1252));
        file.writeBytes("8;;1482;2026-10-01;återupptagen\n".getBytes(WINDOWS_1252));

        Collected result = read(file.toByteArray(), UTF_8);

        assertThat(result.rejected()).hasSize(2);
        assertThat(result.rejected().get(0).problems()).containsExactly(
                new Problem(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Händelse", "holds bytes that are not valid UTF-8"));
        assertThat(result.rejected().get(1).problems()).containsExactly(
                new Problem(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Händelse", "holds bytes that are not valid UTF-8"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "Personnummer", "is required"));
    }

    @Test
    void aByteWindows1252DoesNotDefineRejectsItsRow() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes((HEADER + "\r\n").getBytes(WINDOWS_1252));
        file.writeBytes("1;197908099968;1482;2026-10-01;inskriven\r\n".getBytes(WINDOWS_1252));
        file.writeBytes("2;197908099968;1482;2026-10-31;aktivitet;h".getBytes(WINDOWS_1252));
        file.write(0x81); // undefined in Windows-1252
        file.writeBytes("lsa;samtal;2\r\n".getBytes(WINDOWS_1252));

        Collected result = read(file.toByteArray(), WINDOWS_1252);

        assertThat(result.rows()).extracting(Row::rowId).containsExactly("1");
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.lineNumber()).isEqualTo(3);
            assertThat(r.problems()).containsExactly(new Problem(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Kategori",
                    "holds bytes that are not valid windows-1252"));
        });
    }

    @Test
    void aUtf8FileWithoutByteOrderMarkReadAsWindows1252LacksItsColumnsAndSaysWhy() {
        byte[] file = file(HEADER, "1;197908099968;1482;2026-10-01;inskriven").getBytes(UTF_8);

        StatusFileException e = catchThrowableOfType(StatusFileException.class, () -> read(file, WINDOWS_1252));

        assertThat(e.code()).isEqualTo(ProblemCode.SCHEMA_VIOLATION);
        assertThat(e.getMessage()).startsWith("line 1: the header row has no column Löpnummer, Händelse")
                .contains("looks like UTF-8 read as windows-1252");
    }

    // ---------------------------------------------------------------- header

    @Test
    void columnsMayComeInAnyOrderWithNamesInAnyCase() throws Exception {
        String file = file(
                " händelse ;TIMMAR;DATUM;personnummer;insats;LÖPNUMMER;HemKommun ;kategori;periodfrån;PERIODTILL",
                "aktivitet;7,5;2026-10-31;" + PIN + ";praktik;12;1482;kompetens;2026-10-01;2026-10-31");

        Collected result = read(file);

        assertJson(result.rows().get(0).message(), """
                {"schemaVersion": "1.0", "messageId": "statusfil:12", "type": "STATUS_UPDATE",
                 "occurredAt": "2026-10-31T00:00:00+01:00",
                 "participant": {"personalIdentityNumber": "197908099968", "homeMunicipalityCode": "1482"},
                 "statusUpdate": {"status": "ACTIVITY_REPORTED",
                   "activity": {"category": "COMPETENCE", "kind": "INTERNSHIP", "hours": 7.5,
                                "periodStart": "2026-10-01", "periodEnd": "2026-10-31"}}}
                """);
    }

    @Test
    void headerNamesAndWordsMatchInAnyUnicodeForm() throws Exception {
        String decomposedHeader = "Lo\u0308pnummer;Personnummer;Hemkommun;Datum;Ha\u0308ndelse";
        String file = file(decomposedHeader, "1;" + PIN + ";1482;2026-10-01;a\u030Aterupptagen");

        Collected result = read(file);

        assertThat(result.rows()).singleElement()
                .satisfies(r -> assertThat(r.message().at("/statusUpdate/status").asText()).isEqualTo("RESUMED"));
    }

    @Test
    void anEmptyFileCannotBeRead() {
        assertFileLevel(new byte[0], UTF_8, ProblemCode.MALFORMED, 0, "the file is empty");
        assertFileLevel(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, WINDOWS_1252, ProblemCode.MALFORMED, 0,
                "the file is empty");
    }

    @Test
    void aFileOfBlankLinesHasNoHeader() {
        assertFileLevel("\r\n;;;\r\n  \r\n".getBytes(UTF_8), UTF_8, ProblemCode.MALFORMED, 0,
                "the file has no header row, only blank lines");
    }

    @ParameterizedTest
    @ValueSource(strings = {HEADER, HEADER + "\r\n", HEADER + "\n", HEADER + "\r\n\r\n;;;;\r\n"})
    void aHeaderWithoutRowsIsAnEmptyStatusFile(String file) throws Exception {
        Collected result = read(file);

        assertThat(result.summary()).isEqualTo(new Summary(0, List.of()));
        assertThat(result.events()).isEmpty();
    }

    @Test
    void aMissingRequiredColumnMakesTheFileUnreadable() {
        String file = file("Löpnummer;Personnummer;Datum;Händelse", "1;" + PIN + ";2026-10-01;inskriven");

        assertFileLevel(file.getBytes(UTF_8), UTF_8, ProblemCode.SCHEMA_VIOLATION, 1,
                "the header row has no column Hemkommun (required: Löpnummer, Personnummer, Hemkommun, Datum, Händelse)");
    }

    @Test
    void aFileWithoutItsHeaderRowNamesNoValueFromTheRowTakenAsHeader() {
        String file = file("1;" + PIN + ";1482;2026-10-01;inskriven", "2;" + PIN + ";1482;2026-10-01;inskriven");

        StatusFileException e = catchThrowableOfType(StatusFileException.class, () -> read(file));

        assertThat(e.getMessage()).doesNotContain(PIN).doesNotContain("1482").doesNotContain("2026");
    }

    @Test
    void aRepeatedColumnMakesTheFileUnreadable() {
        String known = file(HEADER + ";DATUM ", "1;" + PIN + ";1482;2026-10-01;inskriven");
        String unknown = file(HEADER + ";Kommentar;kommentar", "1;" + PIN + ";1482;2026-10-01;inskriven");

        assertFileLevel(known.getBytes(UTF_8), UTF_8, ProblemCode.MALFORMED, 1,
                "the column Datum appears more than once (columns 4 and 16)");
        assertFileLevel(unknown.getBytes(UTF_8), UTF_8, ProblemCode.MALFORMED, 1,
                "two columns have the same name (columns 16 and 17)");
    }

    @Test
    void unknownColumnsAreIgnoredAndListed() throws Exception {
        String file = file("Kommentar;" + HEADER + "; Handläggare ;;Extra;",
                "inte läst;1;" + PIN + ";1482;2026-10-01;inskriven;;;;;;;;;;;Anna A;;x;y");

        Collected result = read(file);

        assertThat(result.summary()).isEqualTo(new Summary(1, List.of("Kommentar", "Handläggare", "Extra")));
        assertThat(result.rows()).singleElement().satisfies(r -> assertThat(r.message().toString())
                .doesNotContain("inte läst").doesNotContain("Anna"));
    }

    // ---------------------------------------------------------------- CSV syntax and line numbers

    @Test
    void quotedFieldsMayHoldSeparatorsQuotesAndLineBreaks() throws Exception {
        String file = HEADER + ";Kommentar\r\n"
                + "1;" + PIN + ";1482;2026-10-01;inskriven;;;;;;;;;;;\"a; b\"\r\n"
                + "\"2\";\"" + PIN + "\";1482;2026-11-20;avslutad;;;;;;\"arbete\";;;;;\"säger \"\"hej\"\"\"\r\n"
                + "3;" + PIN + ";1482;2026-11-20;avslutad;;;;;;övrigt;\"arbetslivsinriktad\r\nrehabilitering\";;;;"
                + "\"rad 1\nrad 2\r\n\r\nrad 4\"\r\n"
                + "4;" + PIN + ";1482;2026-10-01;paus;;;;;;;;;;;\r\n"
                + "5;" + PIN + ";1482;2026-10-01;nej\r\n";

        Collected result = read(file);

        assertThat(result.rows()).extracting(Row::rowId, Row::lineNumber)
                .containsExactly(tuple("1", 2L), tuple("2", 3L), tuple("3", 4L), tuple("4", 9L));
        assertThat(result.rows().get(2).message().at("/statusUpdate/exit/detail").asText())
                .isEqualTo("VOCATIONAL_REHABILITATION");
        assertThat(result.rejected()).singleElement().extracting(RejectedRow::lineNumber).isEqualTo(10L);
    }

    @Test
    void spaceAroundFieldsAndQuotedFieldsIsIgnored() throws Exception {
        String file = file(HEADER, " 1 ; \"" + PIN + "\" ;\t1482\t;\" 2026-10-31 \";  aktivitet;\"arbete\"  ; praktik ;\" 2,5\"");

        Collected result = read(file);

        assertThat(result.rows()).singleElement().satisfies(r -> {
            assertThat(r.rowId()).isEqualTo("1");
            assertJson(r.message(), """
                    {"schemaVersion": "1.0", "messageId": "statusfil:1", "type": "STATUS_UPDATE",
                     "occurredAt": "2026-10-31T00:00:00+01:00",
                     "participant": {"personalIdentityNumber": "197908099968", "homeMunicipalityCode": "1482"},
                     "statusUpdate": {"status": "ACTIVITY_REPORTED",
                       "activity": {"category": "WORK", "kind": "INTERNSHIP", "hours": 2.5}}}
                    """);
        });
    }

    @Test
    void crlfAndLfGiveTheSameRows() throws Exception {
        String[] lines = {HEADER, "1;" + PIN + ";1482;2026-10-01;inskriven", "",
                "2;" + PIN + ";1482;2026-10-31;aktivitet;arbete;praktik;3", "3;" + PIN + ";1482;2026-10-01;fel"};

        Collected crlf = read(String.join("\r\n", lines) + "\r\n");
        Collected lf = read(String.join("\n", lines) + "\n");
        Collected mixed = read(lines[0] + "\n" + lines[1] + "\r\n" + lines[2] + "\n" + lines[3] + "\r\n" + lines[4]);

        for (Collected result : List.of(crlf, lf, mixed)) {
            assertThat(result.rows()).extracting(Row::lineNumber).containsExactly(2L, 4L);
            assertThat(result.rejected()).extracting(RejectedRow::lineNumber).containsExactly(5L);
            assertThat(result.rows().get(0).message()).isEqualTo(crlf.rows().get(0).message());
            assertThat(result.rows().get(1).message()).isEqualTo(crlf.rows().get(1).message());
        }
    }

    @Test
    void blankLinesAreSkippedAndNotCounted() throws Exception {
        String file = "\r\n;;;\r\n" + HEADER + "\r\n"
                + "\r\n"
                + "1;" + PIN + ";1482;2026-10-01;inskriven\r\n"
                + ";;;;;;;;;;;;;;\r\n"
                + " ; ;\t; \r\n"
                + "\"\";\"\"\r\n"
                + "2;" + PIN + ";1482;2026-10-01;inskriven\r\n"
                + "\r\n\r\n";

        Collected result = read(file);

        assertThat(result.summary().dataRows()).isEqualTo(2);
        assertThat(result.rows()).extracting(Row::lineNumber).containsExactly(5L, 9L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\r\n", "\n", "\r\n\r\n"})
    void theLastLineMayOrMayNotEnd(String ending) throws Exception {
        String file = HEADER + "\r\n1;" + PIN + ";1482;2026-10-01;inskriven\r\n2;" + PIN + ";1482;2026-10-01;paus"
                + ending;

        Collected result = read(file);

        assertThat(result.rows()).extracting(Row::rowId, Row::lineNumber)
                .containsExactly(tuple("1", 2L), tuple("2", 3L));
        assertThat(result.summary().dataRows()).isEqualTo(2);
    }

    @Test
    void aRowWithMoreFieldsThanTheHeaderIsRejectedAndTheOthersGoOn() throws Exception {
        String file = file("Löpnummer;Personnummer;Hemkommun;Datum;Händelse",
                "1;" + PIN + ";1482;2026-10-01;inskriven",
                "2;" + PIN + ";1482;2026-10-01;inskriven;extra",
                "3;" + PIN + ";1482;2026-10-01;inskriven");

        Collected result = read(file);

        assertThat(result.rows()).extracting(Row::rowId).containsExactly("1", "3");
        assertThat(result.rejected()).singleElement().isEqualTo(new RejectedRow(3, "2",
                List.of(new Problem(ProblemCode.MALFORMED, "", "the row has 6 fields but the header has 5"))));
        assertThat(result.summary().dataRows()).isEqualTo(3);
    }

    @Test
    void missingTrailingCellsAreAbsentValues() throws Exception {
        String file = file(HEADER,
                "1;" + PIN + ";1482;2026-10-01;inskriven",
                "2;" + PIN + ";1482;2026-11-20;avslutad;;;;;;studier",
                "3;" + PIN + ";1482;2026-10-31;aktivitet;arbete");

        Collected result = read(file);

        assertThat(result.rows()).extracting(Row::rowId).containsExactly("1", "2");
        assertJson(result.rows().get(1).message().at("/statusUpdate"),
                "{\"status\": \"EXITED\", \"exit\": {\"reason\": \"STUDIES\"}}");
        assertThat(result.rejected()).singleElement().satisfies(r -> assertThat(r.problems()).containsExactly(
                new Problem(ProblemCode.SCHEMA_VIOLATION, "Insats", "is required"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "Timmar", "is required")));
    }

    @Test
    void aQuoteThatIsNeverClosedStopsTheFileAfterTheRowsBeforeIt() {
        String file = file(HEADER,
                "1;" + PIN + ";1482;2026-10-01;inskriven",
                "2;" + PIN + ";1482;2026-10-01;inskriven",
                "3;" + PIN + ";1482;2026-10-31;aktivitet;arbete;praktik;\"4,5;2026-10-01",
                "4;" + PIN + ";1482;2026-10-01;inskriven");
        RecordingHandler handler = new RecordingHandler();

        StatusFileException e = catchThrowableOfType(StatusFileException.class,
                () -> reader.read(new ByteArrayInputStream(file.getBytes(UTF_8)), UTF_8, "p", handler));

        assertThat(e.code()).isEqualTo(ProblemCode.MALFORMED);
        assertThat(e.getMessage()).isEqualTo(
                "line 4: a quote (\") in the row starting here is not closed before the end of the file");
        assertThat(handler.rows()).extracting(Row::rowId).containsExactly("1", "2");
    }

    @Test
    void textAfterAClosingQuoteStopsTheFile() {
        String file = file(HEADER,
                "1;" + PIN + ";1482;2026-10-01;inskriven",
                "2;" + PIN + ";1482;2026-10-31;aktivitet;arbete;praktik;\"4,5\"0;2026-10-01");

        List<Object> before = assertFileLevelAfterRows(file.getBytes(UTF_8), UTF_8, ProblemCode.MALFORMED, 3,
                "in the row starting here, a quoted field is followed by other characters before the next ;");

        assertThat(before).singleElement().extracting(r -> ((Row) r).rowId()).isEqualTo("1");
    }

    @Test
    void aRowLongerThanTheLimitStopsTheFileWithoutReadingTheRestOfIt() {
        InputStream endless = new InputStream() {
            private final byte[] start = (HEADER + "\r\n1;\"").getBytes(UTF_8);
            private long position;

            @Override
            public int read() {
                return position < start.length ? start[(int) position++] & 0xFF : 'x';
            }
        };

        StatusFileException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> catchThrowableOfType(StatusFileException.class,
                        () -> reader.read(endless, UTF_8, "p", new RecordingHandler())));

        assertThat(e.code()).isEqualTo(ProblemCode.MALFORMED);
        assertThat(e.getMessage()).isEqualTo(
                "line 2: the row starting here is longer than 1048576 characters; is a quote (\") not closed?");
    }

    @Test
    void aFailingStreamIsAnIoFailureNotTheFilesFault() {
        InputStream failing = new InputStream() {
            private final byte[] start = (HEADER + "\r\n1;" + PIN + ";1482;2026-10-01;inskriven\r\n2;").getBytes(UTF_8);
            private int position;

            @Override
            public int read() throws IOException {
                if (position < start.length) {
                    return start[position++] & 0xFF;
                }
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> reader.read(failing, UTF_8, "p", new RecordingHandler()))
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("connection reset");
    }

    @Test
    void anExceptionFromTheHandlerStopsTheReading() {
        String file = file(HEADER, "1;" + PIN + ";1482;2026-10-01;inskriven", "2;" + PIN + ";1482;2026-10-01;paus");
        List<String> seen = new ArrayList<>();
        RowHandler failing = new RowHandler() {
            @Override
            public void row(Row row) {
                seen.add(row.rowId());
                throw new IllegalStateException("broker down");
            }

            @Override
            public void rejected(RejectedRow row) {
                seen.add(row.rowId());
            }
        };

        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(file.getBytes(UTF_8)), UTF_8, "p", failing))
                .isInstanceOf(IllegalStateException.class).hasMessage("broker down");
        assertThat(seen).containsExactly("1");
    }

    // ---------------------------------------------------------------- values

    @Test
    void hoursTakeADecimalCommaOrPoint() throws Exception {
        String file = file(HEADER,
                "1;" + PIN + ";1482;2026-10-31;aktivitet;arbete;praktik;7,5",
                "2;" + PIN + ";1482;2026-10-31;aktivitet;arbete;praktik;7.5",
                "3;" + PIN + ";1482;2026-10-31;aktivitet;arbete;praktik;\" 12 \"",
                "4;" + PIN + ";1482;2026-10-31;aktivitet;arbete;praktik;0,25");

        Collected result = read(file);

        assertThat(result.rows()).extracting(r -> r.message().at("/statusUpdate/activity/hours").decimalValue())
                .map(java.math.BigDecimal::toPlainString)
                .containsExactly("7.5", "7.5", "12", "0.25");
        assertThat(result.rows()).allSatisfy(r ->
                assertThat(r.message().at("/statusUpdate/activity/hours").isBigDecimal()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"7,5,1", "1 000", "-3", "7,", ",5", "sju", "1e3", "7½", "١٢"})
    void hoursThatAreNotANumberAreRejected(String hours) throws Exception {
        String file = file(HEADER, "1;" + PIN + ";1482;2026-10-31;aktivitet;arbete;praktik;" + hours);

        Collected result = read(file);

        assertOnlyProblem(result, new Problem(ProblemCode.SCHEMA_VIOLATION, "Timmar",
                "is not a number (digits, with a decimal comma or point)"), hours);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "20261001", "2026-10-1", "01/10/2026", "2026-13-01", "+2026-10-01",
            "2026-10-01T00:00"})
    void datesThatDoNotExistOrAreNotIsoAreRejected(String date) throws Exception {
        String file = file(HEADER,
                "1;" + PIN + ";1482;" + date + ";inskriven",
                "2;" + PIN + ";1482;2026-10-31;aktivitet;arbete;praktik;7;2026-10-01;" + date);

        Collected result = read(file);

        assertThat(result.rows()).isEmpty();
        assertThat(result.rejected().get(0).problems()).containsExactly(
                new Problem(ProblemCode.SCHEMA_VIOLATION, "Datum", "is not a date of the form YYYY-MM-DD"));
        assertThat(result.rejected().get(1).problems()).containsExactly(
                new Problem(ProblemCode.SCHEMA_VIOLATION, "PeriodTill", "is not a date of the form YYYY-MM-DD"));
    }

    @Test
    void occurredAtIsTheStartOfTheSwedishDay() throws Exception {
        String file = file(HEADER,
                "1;" + PIN + ";1482;2026-01-01;inskriven",
                "2;" + PIN + ";1482;2026-03-29;inskriven", // summer time begins at 02:00
                "3;" + PIN + ";1482;2026-03-30;inskriven",
                "4;" + PIN + ";1482;2026-10-25;inskriven", // summer time ends at 03:00
                "5;" + PIN + ";1482;2026-10-26;inskriven");

        Collected result = read(file);

        assertThat(result.rows()).extracting(r -> r.message().get("occurredAt").asText()).containsExactly(
                "2026-01-01T00:00:00+01:00", "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00",
                "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00");
    }

    @Test
    void everyMissingRequiredCellIsReported() throws Exception {
        String file = file(HEADER, ";;;;", ";;;;aktivitet", " ; " + PIN + " ;  ;2026-11-20;avslutad");

        Collected result = read(file);

        assertThat(result.rows()).isEmpty();
        assertThat(result.summary().dataRows()).isEqualTo(2); // ";;;;" is a blank line
        assertThat(result.rejected().get(0)).isEqualTo(new RejectedRow(3, null, List.of(
                new Problem(ProblemCode.SCHEMA_VIOLATION, "Löpnummer", "is required"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "Personnummer", "is required"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "Hemkommun", "is required"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "Datum", "is required"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "Kategori", "is required"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "Insats", "is required"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "Timmar", "is required"))));
        assertThat(result.rejected().get(1)).isEqualTo(new RejectedRow(4, null, List.of(
                new Problem(ProblemCode.SCHEMA_VIOLATION, "Löpnummer", "is required"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "Hemkommun", "is required"),
                new Problem(ProblemCode.SCHEMA_VIOLATION, "Avslutsorsak", "is required"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"882 01", "a/b", "åäö",
            "x123456789x123456789x123456789x123456789x123456789x123456789x123456789x123456789x"})
    void aLopnummerThatCannotMakeAMessageIdIsRejected(String rowId) throws Exception {
        Collected result = read(file(HEADER, "\"" + rowId + "\";" + PIN + ";1482;2026-10-01;inskriven"));

        assertOnlyProblem(result, new Problem(ProblemCode.SCHEMA_VIOLATION, "Löpnummer",
                "must be 1 to 80 of the characters A-Z a-z 0-9 . _ : -"), rowId);
        assertThat(result.rejected().get(0).rowId()).isNull();
    }

    @Test
    void theLongestLopnummerMakesAValidMessageId() throws Exception {
        String rowId = "A-Z.a_z:0" + "9".repeat(71);

        Collected result = read(file(HEADER, rowId + ";" + PIN + ";1482;2026-10-01;inskriven"));

        assertThat(result.rows()).singleElement().satisfies(r -> {
            assertThat(r.rowId()).isEqualTo(rowId);
            assertThat(r.message().get("messageId").asText()).isEqualTo("statusfil:" + rowId).hasSize(90);
        });
    }

    static Stream<Arguments> unknownWords() {
        return Stream.of(
                Arguments.of("1;" + PIN + ";1482;2026-10-01;semester", "Händelse",
                        "inskriven, aktivitet, paus, återupptagen, avslutad", "semester"),
                Arguments.of("1;" + PIN + ";1482;2026-10-31;aktivitet;fritid;praktik;2", "Kategori",
                        "arbete, hälsa, socialt, kompetens", "fritid"),
                Arguments.of("1;" + PIN + ";1482;2026-10-31;aktivitet;arbete;fika;2", "Insats",
                        "arbetsträning, praktik, studier, hälsofrämjande, boendestöd, samtal, grupp, annat", "fika"),
                Arguments.of("1;" + PIN + ";1482;2026-11-20;avslutad;;;;;;flytt", "Avslutsorsak",
                        "arbete, studier, närmat sig arbetsmarknaden, övrigt", "flytt"),
                Arguments.of("1;" + PIN + ";1482;2026-11-20;avslutad;;;;;;övrigt;utvandrat", "Avslutsdetalj",
                        "arbetssökande, arbetslivsinriktad rehabilitering, medicinsk rehabilitering, sjukersättning, "
                                + "flyttat, annat", "utvandrat"),
                Arguments.of("1;" + PIN + ";1482;2026-11-20;avslutad;;;;;;arbete;;timanställd", "Anställningsform",
                        "tillsvidare, visstid", "timanställd"),
                Arguments.of("1;" + PIN + ";1482;2026-11-20;avslutad;;;;;;arbete;;;halvtid", "Omfattning",
                        "heltid, deltid", "halvtid"),
                Arguments.of("1;" + PIN + ";1482;2026-11-20;avslutad;;;;;;arbete;;;;kanske", "Subventionerad",
                        "ja, nej", "kanske"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unknownWords")
    void anUnknownWordIsRejectedWithItsColumn(String row, String column, String allowed, String value) throws Exception {
        Collected result = read(file(HEADER, row));

        assertOnlyProblem(result, new Problem(ProblemCode.SCHEMA_VIOLATION, column, "is not one of: " + allowed),
                value);
    }

    @Test
    void wordsMatchWithoutRegardToCaseAndSpace() throws Exception {
        String file = file(HEADER,
                "1;" + PIN + ";1482;2026-10-31; AKTIVITET ;Hälsa;HÄLSOFRÄMJANDE;1",
                "2;" + PIN + ";1482;2026-10-31;ÅterUpptagen",
                "3;" + PIN + ";1482;2026-11-20;Avslutad;;;;;;Närmat  sig\tArbetsmarknaden;MEDICINSK REHABILITERING");

        Collected result = read(file);

        assertThat(result.rejected()).isEmpty();
        assertJson(result.rows().get(0).message().at("/statusUpdate"), """
                {"status": "ACTIVITY_REPORTED", "activity": {"category": "HEALTH", "kind": "HEALTH_PROMOTION", "hours": 1}}
                """);
        assertJson(result.rows().get(1).message().at("/statusUpdate"), "{\"status\": \"RESUMED\"}");
        assertJson(result.rows().get(2).message().at("/statusUpdate"), """
                {"status": "EXITED", "exit": {"reason": "CLOSER_TO_LABOUR_MARKET", "detail": "MEDICAL_REHABILITATION"}}
                """);
    }

    @Test
    void everyWordOfEveryColumnHasItsMeaning() throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add(HEADER);
        String[][] activities = {{"arbete", "arbetsträning"}, {"hälsa", "praktik"}, {"socialt", "studier"},
                {"kompetens", "hälsofrämjande"}, {"arbete", "boendestöd"}, {"arbete", "samtal"}, {"arbete", "grupp"},
                {"arbete", "annat"}};
        for (String[] a : activities) {
            rows.add("a;" + PIN + ";1482;2026-10-31;aktivitet;" + a[0] + ";" + a[1] + ";1");
        }
        String[][] exits = {{"arbete", "arbetssökande"}, {"studier", "arbetslivsinriktad rehabilitering"},
                {"närmat sig arbetsmarknaden", "medicinsk rehabilitering"}, {"övrigt", "sjukersättning"},
                {"övrigt", "flyttat"}, {"övrigt", "annat"}};
        for (String[] e : exits) {
            rows.add("e;" + PIN + ";1482;2026-11-20;avslutad;;;;;;" + e[0] + ";" + e[1]);
        }
        rows.add("p;" + PIN + ";1482;2026-10-01;paus");
        rows.add("i;" + PIN + ";1482;2026-10-01;inskriven");

        Collected result = read(file(rows.toArray(String[]::new)));

        assertThat(result.rejected()).isEmpty();
        assertThat(result.rows()).extracting(r -> r.message().at("/statusUpdate/activity/category").asText(null)
                        + "/" + r.message().at("/statusUpdate/activity/kind").asText(null))
                .startsWith("WORK/WORK_TRAINING", "HEALTH/INTERNSHIP", "SOCIAL/STUDIES", "COMPETENCE/HEALTH_PROMOTION",
                        "WORK/HOUSING_SUPPORT", "WORK/COUNSELLING", "WORK/GROUP_ACTIVITY", "WORK/OTHER");
        assertThat(result.rows().subList(8, 14)).extracting(r -> r.message().at("/statusUpdate/exit/reason").asText()
                        + "/" + r.message().at("/statusUpdate/exit/detail").asText())
                .containsExactly("WORK/JOB_SEEKING", "STUDIES/VOCATIONAL_REHABILITATION",
                        "CLOSER_TO_LABOUR_MARKET/MEDICAL_REHABILITATION", "OTHER/SICKNESS_COMPENSATION",
                        "OTHER/MOVED", "OTHER/OTHER");
        assertThat(result.rows().subList(14, 16)).extracting(r -> r.message().at("/statusUpdate/status").asText())
                .containsExactly("PAUSED", "ENROLLED");
    }

    @Test
    void employmentGoesOnlyWithReasonWork() throws Exception {
        String file = file(HEADER,
                "1;" + PIN + ";1482;2026-11-20;avslutad;;;;;;arbete;;tillsvidare;deltid;nej",
                "2;" + PIN + ";1482;2026-11-20;avslutad;;;;;;arbete;;;heltid",
                "3;" + PIN + ";1482;2026-11-20;avslutad;;;;;;arbete",
                "4;" + PIN + ";1482;2026-11-20;avslutad;;;;;;studier;;tillsvidare;heltid;ja",
                "5;" + PIN + ";1482;2026-11-20;avslutad;;;;;;övrigt;flyttat;okänt;okänt;okänt");

        Collected result = read(file);

        assertThat(result.rejected()).isEmpty();
        assertThat(result.rows()).extracting(r -> r.message().at("/statusUpdate/exit").toString()).containsExactly(
                "{\"reason\":\"WORK\",\"employment\":{\"permanent\":true,\"fullTime\":false,\"subsidised\":false}}",
                "{\"reason\":\"WORK\",\"employment\":{\"fullTime\":true}}",
                "{\"reason\":\"WORK\"}",
                "{\"reason\":\"STUDIES\"}",
                "{\"reason\":\"OTHER\",\"detail\":\"MOVED\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inskriven", "paus", "återupptagen"})
    void otherEventsIgnoreTheActivityAndExitColumns(String event) throws Exception {
        String file = file(HEADER,
                "1;" + PIN_DASHED + ";1482;2026-10-01;" + event
                        + ";arbete;praktik;7,5;2026-10-01;2026-10-31;arbete;annat;visstid;heltid;ja",
                "2;" + PIN_DASHED + ";1482;2026-10-01;" + event + ";fel;fel;fel;fel;fel;fel;fel;fel;fel;fel");

        Collected result = read(file);

        assertThat(result.rejected()).isEmpty();
        assertThat(result.rows()).hasSize(2).allSatisfy(r -> assertThat(r.message().get("statusUpdate"))
                .isEqualTo(JSON.createObjectNode().put("status", StatusRowMapper.EVENTS.meaning(event).orElseThrow())));
    }

    @Test
    void anActivityIgnoresTheExitColumnsAndAnExitTheActivityColumns() throws Exception {
        String file = file(HEADER,
                "1;" + PIN + ";1482;2026-10-31;aktivitet;arbete;praktik;2;;;fel;fel;fel;fel;fel",
                "2;" + PIN + ";1482;2026-11-20;avslutad;fel;fel;fel;fel;fel;arbete;;visstid");

        Collected result = read(file);

        assertThat(result.rejected()).isEmpty();
        assertThat(result.rows().get(0).message().at("/statusUpdate").toString()).isEqualTo(
                "{\"status\":\"ACTIVITY_REPORTED\",\"activity\":{\"category\":\"WORK\",\"kind\":\"INTERNSHIP\",\"hours\":2}}");
        assertThat(result.rows().get(1).message().at("/statusUpdate").toString()).isEqualTo(
                "{\"status\":\"EXITED\",\"exit\":{\"reason\":\"WORK\",\"employment\":{\"permanent\":false}}}");
    }

    @Test
    void everyProblemOfARowIsCollected() throws Exception {
        String file = file(HEADER, "1/2;" + PIN + ";1482;2026-10-32;aktivitet;arbet;praktik;x;2026-1-1");

        Collected result = read(file);

        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.rowId()).isNull();
            assertThat(r.problems()).extracting(Problem::path)
                    .containsExactly("Löpnummer", "Datum", "Kategori", "Timmar", "PeriodFrån");
            assertThat(r.problems()).extracting(Problem::message)
                    .noneMatch(m -> m.contains("1/2") || m.contains("2026-10-32") || m.contains("2026-1-1") || m.contains(PIN));
        });
    }

    @Test
    void neitherRowNorRejectionShowsContentInToString() throws Exception {
        Collected result = read(file(HEADER, "1;" + PIN + ";1482;2026-10-01;inskriven", "2;" + PIN + ";1482;x;paus"));

        assertThat(result.rows().get(0).toString()).isEqualTo("Row[line 2, rowId 1]");
        assertThat(result.rejected().get(0).toString()).doesNotContain(PIN);
    }

    // ---------------------------------------------------------------- streaming

    @Test
    void aLargeFileIsReadAsAStreamWithoutReadingAhead() throws Exception {
        int total = 200_000;
        GeneratedStatusFile file = new GeneratedStatusFile(total);
        long[] maxLead = {0};
        long[] expectedNext = {1};
        long[] accepted = {0};
        long[] rejected = {0};
        RowHandler handler = new RowHandler() {
            @Override
            public void row(Row row) {
                seen(Long.parseLong(row.rowId()), row.lineNumber());
                accepted[0]++;
            }

            @Override
            public void rejected(RejectedRow row) {
                seen(Long.parseLong(row.rowId()), row.lineNumber());
                assertThat(row.problems()).extracting(Problem::path).containsExactly("Händelse");
                rejected[0]++;
            }

            private void seen(long n, long line) {
                assertThat(n).isEqualTo(expectedNext[0]++);
                assertThat(line).isEqualTo(n + 1);
                maxLead[0] = Math.max(maxLead[0], file.rowsStarted() - n);
                // no read-ahead of the file: row n is handed over long before row n + 50,000 exists
                assertThat(file.rowsStarted()).isLessThan(n + 50_000);
            }
        };

        Summary summary = reader.read(file, UTF_8, "kungalv-ame", handler);

        assertThat(summary).isEqualTo(new Summary(total, List.of()));
        assertThat(accepted[0] + rejected[0]).isEqualTo(total);
        assertThat(rejected[0]).isEqualTo(total / 1000);
        assertThat(file.rowsStarted()).isEqualTo(total);
        // the reader's buffers hold a few kilobytes, i.e. a few hundred rows at most
        assertThat(maxLead[0]).isLessThan(1_000);
    }

    /**
     * A status file of {@code rows} rows, made one row at a time as the reader asks for bytes:
     * nothing of it exists in memory beyond the current row.
     */
    private static final class GeneratedStatusFile extends InputStream {

        private static final String[] PINS = Stream.iterate(LocalDate.of(1961, 1, 7), d -> d.plusDays(397))
                .limit(20)
                .map(d -> pin(d, 980 + (int) Math.floorMod(d.toEpochDay(), 20)))
                .toArray(String[]::new);

        private final int rows;
        private int rowsStarted;
        private byte[] current = (HEADER + "\r\n").getBytes(UTF_8);
        private int position;

        GeneratedStatusFile(int rows) {
            this.rows = rows;
        }

        /** How many data rows the reader has begun to receive. */
        long rowsStarted() {
            return rowsStarted;
        }

        @Override
        public int read() {
            if (position == current.length && !next()) {
                return -1;
            }
            return current[position++] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position == current.length && !next()) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, target, offset, n);
            position += n;
            return n;
        }

        private boolean next() {
            if (rowsStarted == rows) {
                return false;
            }
            int n = ++rowsStarted;
            String pin = PINS[n % PINS.length];
            String row = switch (n % 5) {
                case 0 -> n + ";" + pin + ";1482;2026-10-01;inskriven";
                case 1 -> n + ";" + pin + ";1419;2026-10-31;aktivitet;hälsa;samtal;" + (n % 40 + 1) + ",5;2026-10-01;2026-10-31";
                case 2 -> n + ";" + pin + ";1482;2026-11-20;avslutad;;;;;;arbete;;visstid;heltid;ja";
                case 3 -> n + ";" + pin + ";1407;2026-11-02;\"paus\"";
                default -> n + ";" + pin + ";1482;2026-11-02;återupptagen;;;;;;;;;;";
            };
            if (n % 1000 == 0) {
                row = n + ";" + pin + ";1482;2026-10-01;semester";
            }
            current = (row + "\r\n").getBytes(UTF_8);
            position = 0;
            return true;
        }
    }

    @Test
    void theGeneratedIdentityNumbersAreTestNumbers() {
        assertThat(GeneratedStatusFile.PINS).hasSize(20).allSatisfy(p -> {
            assertThat(p).hasSize(12);
            assertThat(Integer.parseInt(p.substring(8, 11))).isBetween(980, 999);
        });
        assertThat(pin(LocalDate.of(1979, 8, 9), 996)).isEqualTo(PIN);
        assertThat(pin(LocalDate.of(1985, 3, 15), 982)).isEqualTo(PIN_DASHED.replace("-", ""));
    }

    // ---------------------------------------------------------------- helpers

    /** A 12-digit test personnummer with a birth number 980-999 and its Luhn check digit. */
    private static String pin(LocalDate birthDate, int birthNumber) {
        assertThat(birthNumber).isBetween(980, 999);
        String nine = birthDate.format(DateTimeFormatter.ofPattern("yyMMdd")) + birthNumber;
        int sum = 0;
        for (int i = 0; i < nine.length(); i++) {
            int product = (nine.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += product / 10 + product % 10;
        }
        return birthDate.format(DateTimeFormatter.BASIC_ISO_DATE) + birthNumber + (10 - sum % 10) % 10;
    }

    private static String file(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    private static byte[] sampleBytes(String name) {
        try (InputStream in = StatusFileReaderTest.class.getResourceAsStream("/samples/" + name)) {
            assertThat(in).as("sample %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Collected read(String file) throws StatusFileException {
        return read(file.getBytes(UTF_8), UTF_8);
    }

    private Collected read(byte[] file, Charset configured) throws StatusFileException {
        RecordingHandler handler = new RecordingHandler();
        Summary summary = reader.read(new ByteArrayInputStream(file), configured, "kungalv-ame", handler);
        assertThat(summary.dataRows()).isEqualTo(handler.events.size());
        return new Collected(summary, handler.events);
    }

    private void assertFileLevel(byte[] file, Charset configured, ProblemCode code, long line, String reason) {
        assertThat(assertFileLevelAfterRows(file, configured, code, line, reason)).as("rows handed over").isEmpty();
    }

    /** Asserts the file-level failure and returns the rows handed over before it. */
    private List<Object> assertFileLevelAfterRows(byte[] file, Charset configured, ProblemCode code, long line,
                                                  String reason) {
        RecordingHandler handler = new RecordingHandler();

        StatusFileException e = catchThrowableOfType(StatusFileException.class,
                () -> reader.read(new ByteArrayInputStream(file), configured, "kungalv-ame", handler));

        assertThat(e).as("a StatusFileException").isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.reason()).isEqualTo(reason);
        if (line > 0) {
            assertThat(e.lineNumber()).hasValue(line);
            assertThat(e.getMessage()).isEqualTo("line " + line + ": " + reason);
        } else {
            assertThat(e.lineNumber()).isEmpty();
            assertThat(e.getMessage()).isEqualTo(reason);
        }
        assertThat(e.problem()).isEqualTo(new Problem(code, "", e.getMessage()));
        return handler.events;
    }

    private static void assertOnlyProblem(Collected result, Problem problem, String cellValue) {
        assertThat(result.rows()).isEmpty();
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.lineNumber()).isEqualTo(2);
            assertThat(r.problems()).containsExactly(problem);
            assertThat(r.problems()).extracting(Problem::message).noneMatch(m -> m.contains(cellValue));
        });
    }

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue())
            : a.equals(b) ? 0 : 1;

    private static void assertJson(JsonNode actual, String expected) {
        JsonNode wanted;
        try {
            wanted = JSON.readTree(expected);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the expected JSON is not well-formed", e);
        }
        assertThat(actual.equals(NUMBERS_BY_VALUE, wanted))
                .as("%s%nis not%n%s", actual.toPrettyString(), wanted.toPrettyString())
                .isTrue();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private record Collected(Summary summary, List<Object> events) {

        List<Row> rows() {
            return events.stream().filter(Row.class::isInstance).map(Row.class::cast).toList();
        }

        List<RejectedRow> rejected() {
            return events.stream().filter(RejectedRow.class::isInstance).map(RejectedRow.class::cast).toList();
        }
    }

    private static final class RecordingHandler implements RowHandler {

        final List<Object> events = new ArrayList<>();

        @Override
        public void row(Row row) {
            events.add(row);
        }

        @Override
        public void rejected(RejectedRow row) {
            events.add(row);
        }

        List<Row> rows() {
            return new Collected(null, events).rows();
        }
    }
}
