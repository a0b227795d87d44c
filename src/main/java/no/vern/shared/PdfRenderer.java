package no.vern.shared;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * The one way Vern makes PDF documents (breach notifications and reports, the record of processing, access
 * exports): a page rendered with Thymeleaf as well-formed XHTML, its stylesheet inlined (the renderer loads
 * nothing from the network or the application), turned into PDF by openhtmltopdf.
 */
public final class PdfRenderer {

    private PdfRenderer() {
    }

    /** The PDF of an XHTML document. */
    public static byte[] render(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The text of a stylesheet on the classpath (e.g. {@code static/css/breach-report.css}), to inline in a page for PDF. */
    public static String stylesheet(String classpathResource) {
        try (InputStream in = new ClassPathResource(classpathResource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
