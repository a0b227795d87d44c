package no.vern.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The company profile's rules as a pure class: the organisation number's mod-11 check and the required fields. */
class CompanyProfileRulesTest {

    static CompanyProfile valid() {
        return new CompanyProfile("Testfirma AS", "999999999", "Postboks 1, 0101 Oslo", null, "personvern@test.example",
                null, "https://www.test.example", "Personvernombudet", "ombud@test.example", null,
                List.of("test.example"), "post@test.example", new LocalizedText("Testfirma AS", "Testfirma AS"),
                ComplaintAuthority.DATATILSYNET);
    }

    @Test
    void organisationNumberNeedsNineDigitsAndTheMod11CheckDigit() {
        // Brønnøysundregistrene: weights 3 2 7 6 5 4 3 2 over the first eight digits, check = 11 - sum mod 11.
        assertThat(CompanyProfileRules.validOrganisationNumber("999999999")).isTrue();
        assertThat(CompanyProfileRules.validOrganisationNumber("123456785")).isTrue();
        assertThat(CompanyProfileRules.validOrganisationNumber("123456789")).isFalse();
        assertThat(CompanyProfileRules.validOrganisationNumber("99999999")).isFalse();
        assertThat(CompanyProfileRules.validOrganisationNumber("9999999990")).isFalse();
        assertThat(CompanyProfileRules.validOrganisationNumber("99999999a")).isFalse();
    }

    @Test
    void aCheckDigitOfTenMakesTheNumberInvalidWhateverTheLastDigit() {
        // 4 * 3 = 12, remainder 1, check digit 11 - 1 = 10: no such number is ever issued.
        for (int last = 0; last <= 9; last++) {
            assertThat(CompanyProfileRules.validOrganisationNumber("40000000" + last)).isFalse();
        }
        // 5 * 2 = 10, remainder 10, check digit 1.
        assertThat(CompanyProfileRules.validOrganisationNumber("000000051")).isTrue();
    }

    @Test
    void organisationNumberIsAcceptedAsTypedWithSpacesAndMva() {
        assertThat(CompanyProfileRules.normaliseOrganisationNumber("NO 999 999 999 MVA")).isEqualTo("999999999");
        assertThat(CompanyProfileRules.normaliseOrganisationNumber("  ")).isNull();
    }

    @Test
    void aValidProfileBreaksNoRule() {
        assertThat(CompanyProfileRules.check(valid().normalised())).isEmpty();
    }

    @Test
    void everyBrokenFieldIsNamed() {
        CompanyProfile broken = new CompanyProfile("", "123456789", null, null, "not-a-mailbox", null, "ftp://x",
                "", "dpo", null, List.of("https://www.test.example/"), "", new LocalizedText("Bunntekst", ""),
                new ComplaintAuthority(new LocalizedText("", "Authority"), "www.example", null)).normalised();
        assertThat(CompanyProfileRules.check(broken)).extracting(CompanyProfileRules.Violation::field)
                .containsExactly("legalName", "organisationNumber", "privacyMailbox", "website", "dpoName", "dpoEmail",
                        "webDomains", "mailSender", "mailFooterEn", "complaintAuthorityNb", "complaintAuthorityWebsite");
        assertThat(CompanyProfileRules.check(broken)).filteredOn(v -> v.field().equals("organisationNumber"))
                .extracting(CompanyProfileRules.Violation::code).containsExactly("orgnr");
    }

    @Test
    void aDomainListedTwiceIsNamed() {
        CompanyProfile p = valid();
        CompanyProfile twice = new CompanyProfile(p.legalName(), p.organisationNumber(), p.postalAddress(), null,
                p.privacyMailbox(), null, p.website(), p.dpoName(), p.dpoEmail(), null,
                List.of("test.example", "TEST.example"), p.mailSender(), p.mailFooter(), p.complaintAuthority())
                .normalised();
        assertThat(CompanyProfileRules.check(twice)).extracting(CompanyProfileRules.Violation::code)
                .containsExactly("duplicate");
    }
}
