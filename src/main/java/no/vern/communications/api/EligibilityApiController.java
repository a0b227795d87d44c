package no.vern.communications.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.communications.Eligibility;
import no.vern.communications.EligibilityAnswer;
import no.vern.shared.CsvReader;
import no.vern.shared.InvalidInput;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The eligibility check for external mailers (S7, markedsføringsloven § 15): a purpose and up to
 * 100,000 addresses (JSON, a CSV body or a CSV file upload) in; for each of the caller's own
 * addresses whether it may be contacted and, if not, why. Nothing else about anyone comes back.
 */
@RestController
@Tag(name = "Eligibility", description = "May these addresses be contacted for a purpose?")
@SecurityRequirement(name = "bearer")
class EligibilityApiController {

    private static final String CHECK = "hasAuthority('SCOPE_eligibility:check')";

    private final Eligibility eligibility;
    private final JsonMapper json;

    EligibilityApiController(Eligibility eligibility, JsonMapper json) {
        this.eligibility = eligibility;
        this.json = json;
    }

    /** The addresses to check for a purpose. */
    record CheckRequest(@Nullable String purpose, @Nullable List<String> emails) {

        @Override
        public String toString() {
            return "CheckRequest[" + purpose + ", " + (emails == null ? 0 : emails.size()) + " addresses]";
        }
    }

    /** One address as the caller sent it, with the answer. */
    record Result(String email, boolean eligible, String reason) {

        @Override
        public String toString() {
            return "Result[***, " + reason + "]";
        }
    }

    /**
     * The answers, in the caller's order, with counts (the shape of the body, for the OpenAPI document: the body is
     * written as it is answered, with {@code eligible} after {@code results}, since it is known only then).
     */
    record CheckResponse(String purpose, int checked, List<Result> results, long eligible) {
    }

    @PostMapping(path = "/api/v1/eligibility", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(CHECK)
    @Operation(operationId = "checkEligibility", summary = "Which of these addresses may be contacted for the purpose, and why not the others",
            description = "The same path also takes a CSV body (text/csv or text/plain, one address per line, ?purpose=…) or an "
                    + "uploaded CSV file (multipart/form-data, part 'file'); those variants are left out of the OpenAPI document, "
                    + "since one operation with two kinds of body gives generated clients a type they cannot build. The "
                    + "answers are streamed as they are found, so 'eligible' (the count) comes after 'results'.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = CheckResponse.class)))
    void check(@RequestBody CheckRequest request, HttpServletResponse response) throws IOException {
        answer(request.purpose(), request.emails(), response);
    }

    @PostMapping(path = "/api/v1/eligibility", consumes = { "text/csv", MediaType.TEXT_PLAIN_VALUE })
    @PreAuthorize(CHECK)
    @Operation(hidden = true, operationId = "checkEligibilityCsv", summary = "The same for a CSV body: one address per line (first column; a header 'email' is skipped)")
    void checkCsv(@RequestParam(name = "purpose", required = false) @Nullable String purpose,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(purpose, csv(request.getInputStream()), response);
    }

    @PostMapping(path = "/api/v1/eligibility", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(CHECK)
    @Operation(hidden = true, operationId = "checkEligibilityUpload", summary = "The same for an uploaded CSV file (part 'file')")
    void checkUpload(@RequestParam(name = "purpose", required = false) @Nullable String purpose,
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file, HttpServletResponse response)
            throws IOException {
        if (file == null) {
            throw new InvalidInput("file", "is required (a CSV file with one address per line)", "communications.error.csvFile");
        }
        answer(purpose, csv(file.getInputStream()), response);
    }

    /**
     * Writes the answer as {@link CheckResponse}: purpose and count first, then each result as its chunk is answered,
     * then the number eligible. The response is committed only when the first answer is written, so a refusal of the
     * whole call is still an RFC 9457 problem.
     */
    private void answer(@Nullable String purpose, @Nullable List<String> emails, HttpServletResponse response)
            throws IOException {
        if (purpose == null || purpose.isBlank()) {
            throw new InvalidInput("purpose", "is required", "error.field.required");
        }
        if (emails == null) {
            throw new InvalidInput("emails", "is required", "error.field.required");
        }
        Answers answers = new Answers(purpose, emails.size(), response);
        long eligible = eligibility.check(purpose, emails, answers::write);
        answers.finish(eligible);
    }

    /** The body being written; opened by the first answer. */
    private final class Answers {

        private final String purpose;
        private final int checked;
        private final HttpServletResponse response;
        private @Nullable JsonGenerator out;

        Answers(String purpose, int checked, HttpServletResponse response) {
            this.purpose = purpose;
            this.checked = checked;
            this.response = response;
        }

        void write(EligibilityAnswer answer) {
            JsonGenerator g = open();
            g.writeStartObject();
            g.writeStringProperty("email", answer.email());
            g.writeBooleanProperty("eligible", answer.eligible());
            g.writeStringProperty("reason", answer.reason().name());
            g.writeEndObject();
        }

        void finish(long eligible) {
            JsonGenerator g = open();
            g.writeEndArray();
            g.writeNumberProperty("eligible", eligible);
            g.writeEndObject();
            g.close();
        }

        private JsonGenerator open() {
            JsonGenerator g = out;
            if (g == null) {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                OutputStream body;
                try {
                    body = response.getOutputStream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                g = json.createGenerator(body);
                g.writeStartObject();
                g.writeStringProperty("purpose", purpose);
                g.writeNumberProperty("checked", checked);
                g.writeName("results");
                g.writeStartArray();
                out = g;
            }
            return g;
        }
    }

    static List<String> csv(InputStream in) {
        String text;
        // Strict UTF-8: a file in another encoding is refused with a 400, not checked with mangled addresses.
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(in.readAllBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInput("file", "is not valid UTF-8 text; save the CSV as UTF-8", "error.field.utf8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> emails = new ArrayList<>();
        List<List<String>> rows = CsvReader.parse(text);
        for (int i = 0; i < rows.size() && emails.size() <= Eligibility.MAX_ADDRESSES; i++) {
            String value = rows.get(i).isEmpty() ? "" : rows.get(i).get(0).strip();
            if (i == 0 && value.equalsIgnoreCase("email")) {
                continue;
            }
            if (!value.isEmpty()) {
                emails.add(value);
            }
        }
        return emails;
    }
}
