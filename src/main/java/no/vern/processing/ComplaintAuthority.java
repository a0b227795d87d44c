package no.vern.processing;

import org.jspecify.annotations.Nullable;

/**
 * The supervisory authority a person can complain to (GDPR Art. 13(2)(d), 77), as the policy, the privacy
 * center and answers to requests name it.
 *
 * @param name the authority's name in Norwegian and English
 * @param website where a complaint is made
 * @param address postal address, if published
 */
public record ComplaintAuthority(LocalizedText name, String website, @Nullable String address) {

    public ComplaintAuthority {
        name = name == null ? new LocalizedText("", "") : name;
        website = website == null ? "" : website.strip();
    }

    /** Datatilsynet, the Norwegian supervisory authority: the default for a controller established in Norway. */
    public static final ComplaintAuthority DATATILSYNET = new ComplaintAuthority(
            new LocalizedText("Datatilsynet", "The Norwegian Data Protection Authority (Datatilsynet)"),
            "https://www.datatilsynet.no", "Postboks 458 Sentrum, 0105 Oslo");
}
