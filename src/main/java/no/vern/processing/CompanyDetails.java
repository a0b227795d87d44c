package no.vern.processing;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The parts of the company profile that the controller and DPO contacts of the record do not hold: stored in
 * the record of processing next to them, so a change is a new record version (GDPR Art. 30 history).
 *
 * @param visitingAddress the visiting address, if different from the postal address
 * @param webDomains the domains of the company's websites (the banner and the policy speak of these), main first
 * @param mailSender the sender address of every mail Vern sends
 * @param mailFooter the footer under every mail Vern sends, in Norwegian and English
 * @param complaintAuthority the supervisory authority a person can complain to
 */
public record CompanyDetails(@Nullable String visitingAddress, List<String> webDomains, String mailSender,
        LocalizedText mailFooter, ComplaintAuthority complaintAuthority) {

    public CompanyDetails {
        webDomains = webDomains == null ? List.of() : List.copyOf(webDomains);
        mailSender = mailSender == null ? "" : mailSender.strip();
        mailFooter = mailFooter == null ? new LocalizedText("", "") : mailFooter;
        complaintAuthority = complaintAuthority == null ? ComplaintAuthority.DATATILSYNET : complaintAuthority;
    }
}
