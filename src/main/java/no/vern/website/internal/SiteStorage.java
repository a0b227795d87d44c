package no.vern.website.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.JdbcTime;

/**
 * What a registered site's own scripts keep on the device (the scripts it runs only with consent, or its own
 * necessary cookies), declared by the privacy officer for the cookie declaration (ekomloven § 3-15, S18).
 */
@Repository
class SiteStorage {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,100}\\*?");

    /**
     * One declared entry of a site; validated as the form and the API take it ({@link InvalidInput} per field).
     *
     * @param id stable id
     * @param siteId the site
     * @param category {@code necessary}, {@code preferences} or {@code statistics}
     * @param type {@code cookie} or {@code localStorage}
     * @param name the cookie name or storage key ({@code *} at the end: a prefix)
     * @param provider who sets and reads it (the site's owner or a third party)
     * @param lifetime how long it lives
     * @param maxAgeDays the maximum age of a {@code FIXED} entry (1 to 3650 days), else null
     * @param firstParty whether it belongs to the site's own domain
     * @param purposeNb what it is for, in Norwegian
     * @param purposeEn what it is for, in English
     */
    record Declared(UUID id, UUID siteId, String category, String type, String name, String provider,
            CookieDeclaration.Lifetime lifetime, @Nullable Integer maxAgeDays, boolean firstParty, String purposeNb,
            String purposeEn) {

        Declared {
            if (!CookieDeclaration.CATEGORIES.contains(category)) {
                throw new InvalidInput("category", "must be one of " + CookieDeclaration.CATEGORIES, "website.error.storageCategory", String.join(", ", CookieDeclaration.CATEGORIES));
            }
            if (!type.equals("cookie") && !type.equals("localStorage")) {
                throw new InvalidInput("type", "must be cookie or localStorage", "website.error.storageType");
            }
            if (!NAME.matcher(name).matches()) {
                throw new InvalidInput("name", "must be 1 to 100 letters, digits, '_', '.', ':' or '-', optionally ending in *", "website.error.storageName");
            }
            provider = provider.strip();
            if (provider.isEmpty() || provider.length() > 100) {
                throw new InvalidInput("provider", "must be 1 to 100 characters", provider.isEmpty() ? "error.field.required" : "error.field.tooLong", "100");
            }
            if (lifetime == CookieDeclaration.Lifetime.FIXED && (maxAgeDays == null || maxAgeDays < 1 || maxAgeDays > 3650)) {
                throw new InvalidInput("maxAgeDays", "must be 1 to 3650 days for a fixed lifetime", "website.error.maxAgeDays");
            }
            if (lifetime != CookieDeclaration.Lifetime.FIXED && maxAgeDays != null) {
                throw new InvalidInput("maxAgeDays", "is given only for a fixed lifetime", "website.error.maxAgeOnlyFixed");
            }
            if (type.equals("localStorage") && lifetime == CookieDeclaration.Lifetime.SESSION) {
                throw new InvalidInput("lifetime", "local storage outlives the session; declare a fixed age or until withdrawn", "website.error.localStorageSession");
            }
            purposeNb = purposeNb.strip();
            purposeEn = purposeEn.strip();
            if (purposeNb.isEmpty() || purposeNb.length() > 300) {
                throw new InvalidInput("purposeNb", "must be 1 to 300 characters", purposeNb.isEmpty() ? "error.field.required" : "error.field.tooLong", "300");
            }
            if (purposeEn.isEmpty() || purposeEn.length() > 300) {
                throw new InvalidInput("purposeEn", "must be 1 to 300 characters", purposeEn.isEmpty() ? "error.field.required" : "error.field.tooLong", "300");
            }
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SiteStorage(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Every site's entries, by site and then in the order they were declared. */
    List<Declared> all() {
        return jdbc.sql("SELECT * FROM website_site_storage ORDER BY site_id, created_at, name").query(SiteStorage::row)
                .list();
    }

    /** One site's entries, in the order they were declared. */
    List<Declared> of(UUID siteId) {
        return jdbc.sql("SELECT * FROM website_site_storage WHERE site_id = :site ORDER BY created_at, name")
                .param("site", siteId).query(SiteStorage::row).list();
    }

    /** Declares an entry; {@link Conflict} if the site already declares one of that type and name. */
    void add(Declared entry) {
        int inserted = jdbc.sql("""
                INSERT INTO website_site_storage (id, site_id, category, type, name, provider, lifetime, max_age_days,
                    first_party, purpose_nb, purpose_en, created_at)
                VALUES (:id, :site, :category, :type, :name, :provider, :lifetime, :days, :first, :nb, :en, :at)
                ON CONFLICT (site_id, type, name) DO NOTHING""")
                .param("id", entry.id()).param("site", entry.siteId()).param("category", entry.category())
                .param("type", entry.type()).param("name", entry.name()).param("provider", entry.provider())
                .param("lifetime", entry.lifetime().name()).param("days", entry.maxAgeDays())
                .param("first", entry.firstParty()).param("nb", entry.purposeNb()).param("en", entry.purposeEn())
                .param("at", JdbcTime.param(clock.instant())).update();
        if (inserted == 0) {
            throw new Conflict("storage-declared", "Already declared", "The site already declares this name.");
        }
    }

    /** Removes an entry of a site; whether it existed. */
    boolean remove(UUID siteId, UUID id) {
        return jdbc.sql("DELETE FROM website_site_storage WHERE site_id = :site AND id = :id").param("site", siteId)
                .param("id", id).update() > 0;
    }

    private static Declared row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Integer days = rs.getObject("max_age_days", Integer.class);
        return new Declared(rs.getObject("id", UUID.class), rs.getObject("site_id", UUID.class), rs.getString("category"),
                rs.getString("type"), rs.getString("name"), rs.getString("provider"),
                CookieDeclaration.Lifetime.valueOf(rs.getString("lifetime")), days,
                rs.getBoolean("first_party"), rs.getString("purpose_nb"), rs.getString("purpose_en"));
    }
}
