/**
 * Data protection impact assessments (issue 26 item 3, GDPR Art. 35): a screening per activity of the record against
 * Datatilsynet's list and the EDPB criteria, DPIA records kept as versions with risks, measures, residual risk, the
 * DPO's advice, the decision and prior consultation (Art. 36), exported as PDF. Activities without a screening and
 * overdue reviews go on the console's attention list.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Impact assessments",
        allowedDependencies = { "shared", "audit", "processing" })
package no.vern.assessments;
