package no.vern.changes.api;

import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.changes.ChangeFeed;
import no.vern.changes.ChangeType;
import no.vern.shared.InvalidInput;

/**
 * The pull feed of change events for systems that prefer polling to webhooks: ask with the cursor of the last
 * page and get what happened since, every event once, in CloudEvents 1.0 JSON.
 */
@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "Change events", description = "Consents, objections, restrictions, erasures, completed requests and "
        + "record changes as a cursor-paged feed (CloudEvents 1.0); ids only, never personal data")
@SecurityRequirement(name = "bearer")
class ChangeFeedApiController {

    private static final String READ = "hasAuthority('SCOPE_changes:read')";

    private final ChangeFeed feed;

    ChangeFeedApiController(ChangeFeed feed) {
        this.feed = feed;
    }

    @GetMapping
    @PreAuthorize(READ)
    @Operation(operationId = "listChangeEvents", summary = "Change events after a cursor",
            description = "Events after the cursor `after` (from the start without it), oldest first, at most `limit` "
                    + "(1–500, default 100), optionally only of the comma-separated CloudEvents `types`. Ask again with "
                    + "`next`; it stays the same while nothing new has happened. Every event is returned once, also "
                    + "while new events are being appended.")
    ChangeFeed.Page events(@RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String types, @RequestParam(defaultValue = "100") int limit) {
        return feed.after(after, types(types), limit);
    }

    private static Set<ChangeType> types(@Nullable String list) {
        Set<ChangeType> types = EnumSet.noneOf(ChangeType.class);
        if (list == null || list.isBlank()) {
            return types;
        }
        for (String t : list.split(",")) {
            types.add(ChangeType.ofType(t.strip()).orElseThrow(() -> new InvalidInput("types", "lists a type this feed does not have; see ChangeType for the types", "changes.error.unknownType")));
        }
        return types;
    }
}
