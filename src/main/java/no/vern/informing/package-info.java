/**
 * Art. 14 notices (issue 26 item 4): a person whose data Vern obtained from someone else (a customer's contact list,
 * an import) is told within one month, or at first contact, what the record says about the processing and where the
 * data came from; or an exemption (Art. 14(5)) is recorded with its reason and nothing is sent. The register's
 * subject page shows it through the register's {@link no.vern.register.SourceNoticeStatus}.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Art. 14 notices",
        allowedDependencies = { "shared", "audit", "crypto", "processing", "register" })
package no.vern.informing;
