/** Console pages: training report, access review, security overview. */
@org.jspecify.annotations.NullMarked
package no.vern.training.web;
