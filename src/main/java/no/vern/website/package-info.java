/**
 * Website privacy (issue 12, S16-S19, ekomloven § 3-15): the cookie banner script that company sites
 * embed, consent proofs of every choice, anonymous cookieless statistics with a daily salt, and a
 * demo site. Site visitors are never linked to a person: this module never reaches {@code register}.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Website privacy", allowedDependencies = { "shared",
        "processing", "audit", "retention" })
package no.vern.website;
