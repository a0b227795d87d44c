package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The one PDF renderer: XHTML with its stylesheet inlined becomes a PDF with the page's text. */
class PdfRendererTest {

    @Test
    void anXhtmlPageWithItsStylesheetInlinedBecomesAPdfWithItsText() throws Exception {
        String css = PdfRenderer.stylesheet("static/css/breach-report.css");
        assertThat(css).isNotBlank();
        byte[] pdf = PdfRenderer.render("""
                <html><head><style>%s</style></head>
                <body><h1>Behandlingsprotokoll</h1><p>Blåbær og ærlige øyne</p></body></html>""".formatted(css));
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(new PDFTextStripper().getText(document)).contains("Behandlingsprotokoll", "Blåbær og ærlige øyne");
        }
    }

    @Test
    void aMissingStylesheetIsAFailureNotAnUnstyledDocument() {
        assertThatThrownBy(() -> PdfRenderer.stylesheet("static/css/no-such.css")).isInstanceOf(UncheckedIOException.class);
    }
}
