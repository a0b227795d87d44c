package no.vern.assessments.api;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.assessments.AssessmentRegister;
import no.vern.assessments.Dpia;
import no.vern.assessments.DpiaContent;
import no.vern.assessments.EdpbCriterion;
import no.vern.assessments.ListedProcessing;
import no.vern.assessments.Screening;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;

/**
 * Screenings and DPIAs for the company's other systems. A DPIA is changed by saving a new version (the old ones stay:
 * Art. 5(2) accountability), so there is no delete.
 */
@RestController
@Tag(name = "Impact assessments", description = "DPIA screenings and assessments (GDPR Art. 35)")
class AssessmentApiController {

    static final String READ = "hasAuthority('SCOPE_assessments:read')";
    static final String WRITE = "hasAuthority('SCOPE_assessments:write')";

    private final AssessmentRegister register;

    AssessmentApiController(AssessmentRegister register) {
        this.register = register;
    }

    /** A screening as sent. */
    record ScreeningInput(@Nullable Set<ListedProcessing> listed, @Nullable Set<EdpbCriterion> criteria,
            @Nullable String note) {
    }

    /** A screening with its result. */
    record ScreeningView(Screening screening, boolean dpiaRequired) {
    }

    /** A new DPIA. */
    record NewDpia(@Nullable String activityId, @Nullable DpiaContent content) {
    }

    /** A new version of a DPIA. */
    record Revision(@Nullable Integer basedOnVersion, @Nullable DpiaContent content) {
    }

    /** A DPIA version with what follows from it. */
    record DpiaView(Dpia dpia, boolean consultationRequired) {
    }

    private static DpiaView view(Dpia d) {
        return new DpiaView(d, d.content().consultationRequired());
    }

    @GetMapping("/api/v1/assessments/screenings")
    @PreAuthorize(READ)
    @Operation(operationId = "listScreenings", summary = "Every screening, and the activities without one")
    ScreeningList screenings() {
        return new ScreeningList(register.screenings().stream().map(s -> new ScreeningView(s, s.dpiaRequired())).toList(),
                register.unscreenedActivities());
    }

    /** Screenings and the activities that have none. */
    record ScreeningList(List<ScreeningView> screenings, List<String> unscreenedActivities) {
    }

    @PutMapping("/api/v1/assessments/screenings/{activityId}")
    @PreAuthorize(WRITE)
    @Operation(operationId = "screenActivity", summary = "Screen an activity (two or more EDPB criteria, or a listed kind, require a DPIA)")
    ScreeningView screen(@PathVariable String activityId, @RequestBody ScreeningInput input) {
        Set<ListedProcessing> listed = input.listed() == null || input.listed().isEmpty()
                ? EnumSet.noneOf(ListedProcessing.class) : EnumSet.copyOf(input.listed());
        Set<EdpbCriterion> criteria = input.criteria() == null || input.criteria().isEmpty()
                ? EnumSet.noneOf(EdpbCriterion.class) : EnumSet.copyOf(input.criteria());
        Screening s = register.screen(activityId, listed, criteria, input.note() == null ? "" : input.note());
        return new ScreeningView(s, s.dpiaRequired());
    }

    @GetMapping("/api/v1/assessments/dpias")
    @PreAuthorize(READ)
    @Operation(operationId = "listDpias", summary = "The newest version of every DPIA")
    List<DpiaView> dpias() {
        return register.dpias().stream().map(AssessmentApiController::view).toList();
    }

    @GetMapping("/api/v1/assessments/dpias/{id}")
    @PreAuthorize(READ)
    @Operation(operationId = "getDpia", summary = "The newest version of a DPIA, or the version asked for")
    DpiaView dpia(@PathVariable UUID id, @RequestParam(required = false) @Nullable Integer version) {
        Dpia d = version == null ? register.dpia(id).orElseThrow(() -> new NotFound("DPIA", id))
                : register.dpia(id, version).orElseThrow(() -> new NotFound("DPIA version", version));
        return view(d);
    }

    @PostMapping("/api/v1/assessments/dpias")
    @PreAuthorize(WRITE)
    @Operation(operationId = "createDpia", summary = "Start a DPIA of an activity with its first version")
    ResponseEntity<DpiaView> create(@RequestBody NewDpia input) {
        if (input.activityId() == null || input.content() == null) {
            throw new InvalidInput("content", "activityId and content are required", "assessments.error.activityAndContent");
        }
        Dpia d = register.create(input.activityId(), input.content());
        return ResponseEntity.created(URI.create("/api/v1/assessments/dpias/" + d.id())).body(view(d));
    }

    @PutMapping("/api/v1/assessments/dpias/{id}")
    @PreAuthorize(WRITE)
    @Operation(operationId = "reviseDpia", summary = "Save a new version of a DPIA (refused if basedOnVersion is not the newest)")
    DpiaView revise(@PathVariable UUID id, @RequestBody Revision input) {
        if (input.content() == null || input.basedOnVersion() == null) {
            throw new InvalidInput("content", "basedOnVersion and content are required", "assessments.error.versionAndContent");
        }
        return view(register.revise(id, input.basedOnVersion(), input.content()));
    }

    @GetMapping(path = "/api/v1/assessments/dpias/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize(READ)
    @Operation(operationId = "getDpiaPdf", summary = "A DPIA version as PDF (language nb or en)")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id, @RequestParam(required = false) @Nullable Integer version,
            @RequestParam(defaultValue = "nb") String language) {
        int v = version != null ? version : register.dpia(id).orElseThrow(() -> new NotFound("DPIA", id)).version();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .body(register.pdf(id, v, "en".equals(language) ? Locale.ENGLISH : Locale.forLanguageTag("nb")));
    }
}
