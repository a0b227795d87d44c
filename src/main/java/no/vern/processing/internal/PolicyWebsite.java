package no.vern.processing.internal;

import java.util.ArrayList;
import java.util.List;

import no.vern.processing.PolicyText.Link;
import no.vern.processing.PolicyText.Section;
import no.vern.processing.PolicyText.Table;
import no.vern.processing.WebsitePractice;
import no.vern.processing.WebsitePractice.DeclaredStorage;

/**
 * The cookie and statistics section of the policy (S16-S19, ekomloven § 3-15), written from what the website
 * module is configured to do: whether the statistics use the device, whether an IP address is stored, how long
 * single page views are kept, and the cookie declaration as a table.
 */
final class PolicyWebsite {

    /** The public cookie declaration page (the same table, for company sites to link to). */
    static final String DECLARATION = "/site/cookies";

    private PolicyWebsite() {
    }

    static Section section(WebsitePractice practice, Texts t) {
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(t.m(practice.statisticsUseCookies() ? "policy.cookies.statistics.cookies"
                : "policy.cookies.statistics.cookieless"));
        paragraphs.add(t.m(practice.ipAddressStored() ? "policy.cookies.ip.stored" : "policy.cookies.ip.notStored"));
        paragraphs.add(t.m("policy.cookies.pageViews", practice.rawPageViewDays()));
        paragraphs.add(t.m("policy.cookies.what"));
        paragraphs.add(t.m("policy.cookies.consent"));
        paragraphs.add(t.m("policy.cookies.declaration"));
        paragraphs.add(t.m("policy.cookies.links"));
        return new Section("cookies", t.m("policy.cookies.heading"), paragraphs, List.of(), List.of(),
                table(practice, t), List.of(new Link(t.m("policy.cookies.declarationLink"),
                        DECLARATION + "?lang=" + (t.english() ? "en" : "nb"))));
    }

    /** The cookie declaration: name, provider, purpose, duration, party and category of every entry. */
    static Table table(WebsitePractice practice, Texts t) {
        List<List<String>> rows = new ArrayList<>();
        for (DeclaredStorage s : practice.storage()) {
            rows.add(List.of(s.name(), s.type(), s.provider(), s.purpose(), s.duration(),
                    t.m(s.firstParty() ? "policy.cookies.firstParty" : "policy.cookies.thirdParty"), s.category()));
        }
        return new Table(t.m("policy.cookies.table.caption"), List.of(t.m("policy.cookies.table.name"),
                t.m("policy.cookies.table.type"), t.m("policy.cookies.table.provider"),
                t.m("policy.cookies.table.purpose"), t.m("policy.cookies.table.duration"),
                t.m("policy.cookies.table.party"), t.m("policy.cookies.table.category")), rows);
    }
}
