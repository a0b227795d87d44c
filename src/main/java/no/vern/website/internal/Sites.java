package no.vern.website.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import jakarta.servlet.http.HttpServletRequest;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.JdbcTime;

/**
 * The registered sites. Looked up on every banner and beacon request, so the origins are cached
 * and reloaded after a registration on this node (and at most a minute late on others).
 */
@Repository
class Sites {

    private static final long RELOAD_MILLIS = 60_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    /** Registrations on this node so far; a snapshot loaded before the latest one is stale. */
    private final AtomicLong registrations = new AtomicLong();
    private volatile @Nullable Snapshot snapshot;

    /** The origins as loaded, when, and how many registrations had been made before the load began. */
    private record Snapshot(Map<String, Site> byOrigin, long loadedAt, long registrations) {
    }

    Sites(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Every site, oldest first. */
    public List<Site> all() {
        return jdbc.sql("SELECT id, name, origin, demo, created_at FROM website_site ORDER BY created_at, name")
                .query((rs, n) -> new Site(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("origin"),
                        rs.getBoolean("demo"), JdbcTime.required(rs, "created_at")))
                .list();
    }

    /** Registers a site by its origin; {@link InvalidInput} for a non-origin, {@link Conflict} if taken. */
    public Site register(String name, String origin, boolean demo) {
        String normalised = Origins.of(origin)
                .orElseThrow(() -> new InvalidInput("origin", "must be an http(s) origin such as https://www.example.no", "website.error.origin"));
        if (name.isBlank() || name.length() > 100) {
            throw new InvalidInput("name", "must be 1 to 100 characters", name.isBlank() ? "error.field.required" : "error.field.tooLong", "100");
        }
        Site site = new Site(UUID.randomUUID(), name.strip(), normalised, demo, clock.instant());
        int inserted = jdbc.sql("""
                INSERT INTO website_site (id, name, origin, demo, created_at)
                VALUES (:id, :name, :origin, :demo, :at) ON CONFLICT (origin) DO NOTHING""")
                .param("id", site.id()).param("name", site.name()).param("origin", site.origin())
                .param("demo", demo).param("at", JdbcTime.param(site.createdAt())).update();
        if (inserted == 0) {
            throw new Conflict("site-exists", "Site already registered", "The origin is already registered.");
        }
        registrations.incrementAndGet();
        return site;
    }

    /** The demo site Vern serves itself, if registered. */
    public Optional<Site> demo() {
        return cached().values().stream().filter(Site::demo).findFirst();
    }

    /** A site by id. */
    public Optional<Site> byId(UUID id) {
        return all().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * The site a request comes from: its {@code Origin} if registered, or the demo site if the
     * origin is Vern's own (the demo site is served under whatever host and port Vern runs on).
     */
    Optional<Site> resolve(String origin, HttpServletRequest request) {
        Optional<String> normalised = Origins.of(origin);
        if (normalised.isEmpty()) {
            return Optional.empty();
        }
        Site site = cached().get(normalised.get());
        if (site != null) {
            return Optional.of(site);
        }
        return normalised.get().equals(Origins.ofRequest(request)) ? demo() : Optional.empty();
    }

    private Map<String, Site> cached() {
        long now = System.nanoTime() / 1_000_000;
        Snapshot s = snapshot;
        if (s != null && fresh(s, now)) {
            return s.byOrigin();
        }
        // One loader at a time. The map, its load time and the registration count it saw are one snapshot, published
        // whole: a reader never pairs a new "fresh" flag with an old map (an earlier version set the flag before the
        // map and refused a beacon from the demo site as "not on a registered site"; RateLimitAbuseTest caught it).
        synchronized (this) {
            s = snapshot;
            if (s == null || !fresh(s, now)) {
                long seen = registrations.get(); // read before the query: a registration during it makes the next call reload
                s = new Snapshot(all().stream().collect(Collectors.toUnmodifiableMap(Site::origin, Function.identity())), now,
                        seen);
                snapshot = s;
            }
            return s.byOrigin();
        }
    }

    private boolean fresh(Snapshot s, long now) {
        return s.registrations() == registrations.get() && now - s.loadedAt() <= RELOAD_MILLIS;
    }
}
