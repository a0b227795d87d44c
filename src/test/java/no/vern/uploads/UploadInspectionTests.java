package no.vern.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import no.vern.support.VernTest;
import no.vern.training.ProgrammeTestSupport;

/**
 * The upload gate (S15: protection against malicious software) with a fake clamd on loopback:
 * EICAR is refused by the scanner, disguised types, polyglots, oversize files and zip bombs are
 * refused before any scan, and real documents pass with their type taken from the content.
 */
@VernTest
class UploadInspectionTests extends ProgrammeTestSupport {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0 };

    @Autowired
    UploadInspector inspector;

    @Test
    void theEicarTestFileIsRefusedByTheConfiguredScanner() {
        int before = SCANS.get();
        assertThatThrownBy(() -> inspector.inspect("cv.txt", "text/plain", EICAR.getBytes(StandardCharsets.US_ASCII),
                UploadPurpose.CV)).isInstanceOfSatisfying(UploadRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(UploadRefused.Reason.MALWARE));
        assertThat(SCANS.get()).isGreaterThan(before);
        assertThat(inspector.statistics().scannerConfigured()).isTrue();
    }

    @Test
    void aCleanPdfIsAcceptedAsPdfAndMarkedScanned() {
        InspectedUpload accepted = inspector.inspect("cv.pdf", "application/pdf", PDF, UploadPurpose.CV);
        assertThat(accepted.type()).isEqualTo(FileType.PDF);
        assertThat(accepted.scanned()).isTrue();
    }

    @Test
    void aPngRenamedToPdfIsRefusedAsDisguised() {
        assertThatThrownBy(() -> inspector.inspect("cv.pdf", "application/pdf", PNG, UploadPurpose.EVIDENCE))
                .isInstanceOfSatisfying(UploadRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(UploadRefused.Reason.TYPE_MISMATCH));
        assertThat(inspector.inspect("skjermbilde.png", null, PNG, UploadPurpose.EVIDENCE).type()).isEqualTo(FileType.PNG);
    }

    @Test
    void imagesAreNotAcceptedAsCvs() {
        assertThatThrownBy(() -> inspector.inspect("cv.png", null, PNG, UploadPurpose.CV))
                .isInstanceOfSatisfying(UploadRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(UploadRefused.Reason.TYPE_NOT_ALLOWED));
    }

    @Test
    void anExecutableNamedPdfIsRefused() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        assertThatThrownBy(() -> inspector.inspect("cv.pdf", "application/pdf", exe, UploadPurpose.CV))
                .isInstanceOf(UploadRefused.class);
    }

    @Test
    void htmlDeclaredAsTextIsRefused() {
        byte[] html = "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> inspector.inspect("cv.txt", "text/plain", html, UploadPurpose.CV))
                .isInstanceOf(UploadRefused.class);
    }

    @Test
    void aPdfThatIsAlsoAZipIsRefusedAsAPolyglot() throws IOException {
        byte[] zip = docx(1_000);
        byte[] polyglot = concat(PDF, zip);
        assertThatThrownBy(() -> inspector.inspect("cv.pdf", "application/pdf", polyglot, UploadPurpose.CV))
                .isInstanceOfSatisfying(UploadRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(UploadRefused.Reason.POLYGLOT));
    }

    @Test
    void aPdfWithMarkupInItsHeadIsRefusedAsAPolyglot() {
        byte[] pdf = concat(PDF, "<html><script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> inspector.inspect("cv.pdf", null, pdf, UploadPurpose.CV))
                .isInstanceOfSatisfying(UploadRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(UploadRefused.Reason.POLYGLOT));
    }

    @Test
    void aRealDocxIsAcceptedAsDocx() throws IOException {
        InspectedUpload accepted = inspector.inspect("cv.docx", null, docx(2_000), UploadPurpose.CV);
        assertThat(accepted.type()).isEqualTo(FileType.DOCX);
    }

    @Test
    void anOdtIsAcceptedAsOdt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry mimetype = new ZipEntry("mimetype");
            mimetype.setMethod(ZipEntry.STORED);
            byte[] type = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            mimetype.setSize(type.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(type);
            mimetype.setCrc(crc.getValue());
            zip.putNextEntry(mimetype);
            zip.write(type);
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write("<office:document-content/>".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(inspector.inspect("cv.odt", null, bytes.toByteArray(), UploadPurpose.CV).type()).isEqualTo(FileType.ODT);
    }

    @Test
    void aZipBombDisguisedAsDocxIsRefusedWithoutExpandingIt() throws IOException {
        byte[] bomb = docx(50 * 1024 * 1024); // 50 MB of zeros compress to about 50 kB: ratio ~1000:1
        assertThat(bomb.length).isLessThan(1024 * 1024);
        assertThatThrownBy(() -> inspector.inspect("cv.docx", null, bomb, UploadPurpose.CV))
                .isInstanceOfSatisfying(UploadRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(UploadRefused.Reason.ZIP_BOMB));
    }

    @Test
    void aDocxWithMacrosIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : new String[] { "[Content_Types].xml", "word/document.xml", "word/vbaProject.bin" }) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThatThrownBy(() -> inspector.inspect("cv.docx", null, bytes.toByteArray(), UploadPurpose.CV))
                .isInstanceOf(UploadRefused.class);
    }

    @Test
    void oversizeAndEmptyFilesAreRefused() {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        assertThatThrownBy(() -> inspector.inspect("cv.pdf", null, big, UploadPurpose.CV))
                .isInstanceOfSatisfying(UploadRefused.class, e -> {
                    assertThat(e.reason()).isEqualTo(UploadRefused.Reason.TOO_LARGE);
                    assertThat(e.status().value()).isEqualTo(413);
                });
        assertThatThrownBy(() -> inspector.inspect("cv.pdf", null, new byte[0], UploadPurpose.CV))
                .isInstanceOfSatisfying(UploadRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(UploadRefused.Reason.EMPTY));
    }

    @Test
    void theCountLimitRefusesOneFileTooMany() {
        inspector.requireRoom(19, UploadPurpose.CV);
        assertThatThrownBy(() -> inspector.requireRoom(20, UploadPurpose.CV))
                .isInstanceOfSatisfying(UploadRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(UploadRefused.Reason.TOO_MANY));
    }

    /** A minimal DOCX whose document part holds {@code padding} zero bytes. */
    static byte[] docx(int padding) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] block = new byte[64 * 1024];
            for (int left = padding; left > 0; left -= block.length) {
                zip.write(block, 0, Math.min(left, block.length));
            }
        }
        return bytes.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
