package no.vern.register.web;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import no.vern.processing.SubjectKind;
import no.vern.register.OrganisationInput;
import no.vern.register.PersonalData;
import no.vern.register.PostalAddress;
import no.vern.register.Source;

/**
 * The console's subject form (new and edit): only the fields of the chosen purpose's categories are
 * shown (S12). Holds personal data while a request is handled, so {@code toString()} is masked.
 */
public final class SubjectForm {

    private String purpose = "";
    private Source source = Source.CUSTOMER;
    private String language = "nb";
    private Set<SubjectKind> kinds = new LinkedHashSet<>();
    private long version;
    private String name = "";
    private String email = "";
    private String phone = "";
    private String street = "";
    private String postcode = "";
    private String city = "";
    private String country = "NO";
    private String purchaseHistory = "";
    private String bankAccount = "";
    private String cv = "";
    private String recruiterNotes = "";
    private String company = "";
    private String orgNumber = "";
    private String businessAddress = "";

    PersonalData data() {
        PostalAddress address = street.isBlank() && postcode.isBlank() && city.isBlank() ? null
                : new PostalAddress(street, postcode, city, country);
        return new PersonalData(blank(name), blank(email), blank(phone), address, blank(purchaseHistory),
                blank(bankAccount), blank(cv), blank(recruiterNotes));
    }

    @Nullable
    OrganisationInput organisation() {
        return company.isBlank() ? null : new OrganisationInput(company, blank(orgNumber), blank(businessAddress));
    }

    private static @Nullable String blank(String value) {
        return value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "SubjectForm[" + purpose + ", ***]";
    }

    // Bean accessors for Spring's form binding and Thymeleaf's th:field; blank input becomes "".

    // Bean accessors for Spring's form binding and Thymeleaf's th:field; null input becomes "".

    /** The purpose key the form's values are held for. */
    public String getPurpose() { return purpose; }
    public void setPurpose(@Nullable String v) { purpose = v == null ? "" : v; }
    /** The language the person is written to in (nb or en; the Art. 14 notice goes out in it). */
    public String getLanguage() { return language; }
    public void setLanguage(@Nullable String v) { language = "en".equals(v) ? "en" : "nb"; }
    public Source getSource() { return source; }
    public void setSource(@Nullable Source v) { source = v == null ? Source.CUSTOMER : v; }
    public Set<SubjectKind> getKinds() { return kinds; }
    public void setKinds(@Nullable Set<SubjectKind> v) { kinds = v == null ? new LinkedHashSet<>() : v; }
    public long getVersion() { return version; }
    public void setVersion(long v) { version = v; }
    public String getName() { return name; }
    public void setName(@Nullable String v) { name = v == null ? "" : v; }
    public String getEmail() { return email; }
    public void setEmail(@Nullable String v) { email = v == null ? "" : v; }
    public String getPhone() { return phone; }
    public void setPhone(@Nullable String v) { phone = v == null ? "" : v; }
    public String getStreet() { return street; }
    public void setStreet(@Nullable String v) { street = v == null ? "" : v; }
    public String getPostcode() { return postcode; }
    public void setPostcode(@Nullable String v) { postcode = v == null ? "" : v; }
    public String getCity() { return city; }
    public void setCity(@Nullable String v) { city = v == null ? "" : v; }
    public String getCountry() { return country; }
    public void setCountry(@Nullable String v) { country = v == null || v.isBlank() ? "NO" : v; }
    public String getPurchaseHistory() { return purchaseHistory; }
    public void setPurchaseHistory(@Nullable String v) { purchaseHistory = v == null ? "" : v; }
    public String getBankAccount() { return bankAccount; }
    public void setBankAccount(@Nullable String v) { bankAccount = v == null ? "" : v; }
    public String getCv() { return cv; }
    public void setCv(@Nullable String v) { cv = v == null ? "" : v; }
    public String getRecruiterNotes() { return recruiterNotes; }
    public void setRecruiterNotes(@Nullable String v) { recruiterNotes = v == null ? "" : v; }
    public String getCompany() { return company; }
    public void setCompany(@Nullable String v) { company = v == null ? "" : v; }
    public String getOrgNumber() { return orgNumber; }
    public void setOrgNumber(@Nullable String v) { orgNumber = v == null ? "" : v; }
    public String getBusinessAddress() { return businessAddress; }
    public void setBusinessAddress(@Nullable String v) { businessAddress = v == null ? "" : v; }
}
