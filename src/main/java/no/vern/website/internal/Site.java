package no.vern.website.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A company site that embeds the banner; its origin is the only one the banner endpoints answer
 * with CORS headers.
 *
 * @param id stable id
 * @param name display name
 * @param origin normalised origin, e.g. {@code https://www.example.no}
 * @param demo whether it is the demo site Vern serves itself (matched as same origin)
 * @param createdAt when it was registered
 */
record Site(UUID id, String name, String origin, boolean demo, Instant createdAt) {
}
