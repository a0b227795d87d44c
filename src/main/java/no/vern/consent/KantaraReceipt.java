package no.vern.consent;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A consent receipt in the shape of the Kantara Initiative's Consent Receipt Specification v1.1.0
 * (2018-02-20), for systems that read that format; the same consent as {@link ConsentReceiptDocument},
 * built from it and from the record version the person was shown. Field names are the specification's.
 *
 * @param version the specification version, {@value #VERSION}
 * @param jurisdiction where the controller is established (ISO 3166-1 alpha-2)
 * @param consentTimestamp when the consent was given, seconds since the epoch (UTC)
 * @param collectionMethod how the consent was collected, in the receipt's language
 * @param consentReceiptID the receipt's id (a UUID)
 * @param language the language of the notice shown (ISO 639-1)
 * @param piiPrincipalId the subject's pseudonymous id (never a name or an address)
 * @param piiControllers the controller
 * @param policyUrl the published privacy policy
 * @param services what the consent covers
 * @param sensitive whether a data category of the purpose is a special category (Art. 9) or on offences (Art. 10)
 * @param spiCat those categories, when {@code sensitive}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KantaraReceipt(String version, String jurisdiction, long consentTimestamp, String collectionMethod,
        String consentReceiptID, String language, String piiPrincipalId, List<PiiController> piiControllers,
        String policyUrl, List<Service> services, boolean sensitive, List<String> spiCat) {

    /** The specification version this shape follows. */
    public static final String VERSION = "KI-CR-v1.1.0";

    public KantaraReceipt {
        piiControllers = List.copyOf(piiControllers);
        services = List.copyOf(services);
        spiCat = List.copyOf(spiCat);
    }

    /**
     * The controller (GDPR Art. 13(1)(a)).
     *
     * @param piiController the controller's name
     * @param onBehalf whether it acts on behalf of another controller (Vern's operator never does)
     * @param contact who to contact: the data protection officer's role, or the controller
     * @param address the postal address, omitted when the record holds none
     * @param email where questions and requests are sent
     * @param phone the published phone number, omitted when none is published
     * @param piiControllerUrl the controller's web site, if any
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PiiController(String piiController, boolean onBehalf, String contact, @Nullable Address address, String email,
            @Nullable String phone, @Nullable String piiControllerUrl) {
    }

    /**
     * A postal address as the specification shapes it.
     *
     * @param streetAddress the address as the controller publishes it
     * @param addressCountry ISO 3166-1 alpha-2 country code
     */
    public record Address(String streetAddress, String addressCountry) {
    }

    /**
     * A service the consent is part of.
     *
     * @param service its name, in the receipt's language
     * @param purposes the purposes consented to
     */
    public record Service(String service, List<ServicePurpose> purposes) {

        public Service {
            purposes = List.copyOf(purposes);
        }
    }

    /**
     * One purpose consented to.
     *
     * @param purpose its name, in the receipt's language
     * @param purposeCategory the record's key for it
     * @param consentType how consent was expressed
     * @param piiCategory the data categories processed for it, in the receipt's language
     * @param primaryPurpose whether it is the service's primary purpose (a consent receipt covers one purpose)
     * @param termination how and when the consent ends, in the receipt's language
     * @param thirdPartyDisclosure whether data of the purpose is disclosed to third parties (recipients that
     *        are not processors, GDPR Art. 4(10))
     * @param thirdPartyName those third parties, when disclosed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServicePurpose(String purpose, List<String> purposeCategory, String consentType,
            List<String> piiCategory, boolean primaryPurpose, String termination, boolean thirdPartyDisclosure,
            @Nullable String thirdPartyName) {

        public ServicePurpose {
            purposeCategory = List.copyOf(purposeCategory);
            piiCategory = List.copyOf(piiCategory);
        }
    }
}
