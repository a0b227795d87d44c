@org.jspecify.annotations.NullMarked
package no.vern.assessments.web;
