package no.vern.connectors.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.connectors.ConnectionCheck;
import no.vern.connectors.Connector;
import no.vern.connectors.ConnectorRegistry;
import no.vern.connectors.ConnectorType;
import no.vern.connectors.NewConnector;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;

/** The connector registry over REST: list, register and test the systems that hold personal data (S24). */
@RestController
@RequestMapping("/api/v1/connectors")
@Tag(name = "Connectors", description = "External systems that hold personal data, reached by data-subject requests")
class ConnectorApiController {

    static final String READ = "hasAuthority('SCOPE_connectors:read')";
    static final String WRITE = "hasAuthority('SCOPE_connectors:write')";
    static final String APPROVE = "hasAuthority('SCOPE_connectors:approve')";

    private final ConnectorRegistry registry;

    ConnectorApiController(ConnectorRegistry registry) {
        this.registry = registry;
    }

    record RegisterRequest(@Nullable String name, @Nullable String owner, @Nullable String ownerEmail, @Nullable String type,
            @Nullable List<String> activityIds, @Nullable String config) {
    }

    /** A connector as the API shows it (configuration holds secret references only). */
    record View(UUID id, String name, String owner, @Nullable String ownerEmail, ConnectorType type, List<String> activityIds,
            String config, Instant createdAt, @Nullable Instant lastSuccessAt, @Nullable Instant lastFailureAt,
            @Nullable String lastDetail, boolean active, @Nullable Instant approvedAt, @Nullable String approvedBy) {
        static View of(Connector c) {
            return new View(c.id(), c.name(), c.owner(), c.ownerEmail(), c.type(), c.activityIds(), c.config(), c.createdAt(),
                    c.lastSuccessAt(), c.lastFailureAt(), c.lastDetail(), c.active(), c.approvedAt(), c.approvedBy());
        }
    }

    @Operation(operationId = "listConnectors")
    @GetMapping
    @PreAuthorize(READ)
    List<View> list() {
        return registry.list().stream().map(View::of).toList();
    }

    @Operation(operationId = "getConnector")
    @GetMapping("/{id}")
    @PreAuthorize(READ)
    View get(@PathVariable UUID id) {
        return registry.find(id).map(View::of).orElseThrow(() -> new NotFound("connector", id.toString()));
    }

    @Operation(operationId = "registerConnector")
    @PostMapping
    @PreAuthorize(WRITE)
    ResponseEntity<View> register(@RequestBody RegisterRequest request) {
        ConnectorType type;
        try {
            type = ConnectorType.valueOf(String.valueOf(request.type()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("type", "must be JDBC, WEBHOOK or MANUAL", "connectors.error.type");
        }
        Connector created = registry.register(new NewConnector(nonNull(request.name()), nonNull(request.owner()),
                request.ownerEmail(), type, request.activityIds() == null ? List.of() : request.activityIds(),
                nonNull(request.config())));
        return ResponseEntity.created(URI.create("/api/v1/connectors/" + created.id())).body(View.of(created));
    }

    /** The privacy officer's approval (token scope {@code connectors:approve}): the connector becomes active. */
    @Operation(operationId = "approveConnector")
    @PostMapping("/{id}/approve")
    @PreAuthorize(APPROVE)
    View approve(@PathVariable UUID id) {
        return View.of(registry.approve(id));
    }

    @Operation(operationId = "testConnector")
    @PostMapping("/{id}/test")
    @PreAuthorize(WRITE)
    ConnectionCheck test(@PathVariable UUID id) {
        return registry.test(id);
    }

    private static String nonNull(@Nullable String value) {
        return value == null ? "" : value;
    }
}
