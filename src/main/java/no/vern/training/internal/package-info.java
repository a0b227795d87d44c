/** Implementation of the training register and access reviews: repositories, reminder job, demo data. */
@org.jspecify.annotations.NullMarked
package no.vern.training.internal;
