package no.vern.assessments.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import no.vern.assessments.Dpia;
import no.vern.assessments.Screening;
import no.vern.processing.Activity;
import no.vern.processing.PolicyText;
import no.vern.shared.PdfRenderer;

/** Writes a DPIA version as a printable document (Art. 35(7) in order) and as PDF with the shared renderer. */
@Component
class DpiaDocument {

    static final String TEMPLATE = "assessments/dpia-document";
    private static final String CSS = "static/css/processing-report.css";

    private final ITemplateEngine templates;
    private final Clock clock;

    DpiaDocument(ITemplateEngine templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    String html(Dpia dpia, @Nullable Activity activity, @Nullable Screening screening, Locale locale) {
        Locale language = "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.forLanguageTag("nb");
        Context context = new Context(language);
        Map<String, Object> vars = new HashMap<>();
        vars.put("dpia", dpia);
        vars.put("c", dpia.content());
        vars.put("activityName", activity == null ? dpia.activityId()
                : activity.name().in(language));
        vars.put("screening", screening);
        vars.put("versionDate", PolicyText.date(dpia.createdAt(), language));
        vars.put("printedAt", PolicyText.date(clock.instant(), language));
        vars.put("inlineCss", PdfRenderer.stylesheet(CSS));
        context.setVariables(vars);
        return templates.process(TEMPLATE, context);
    }

    byte[] pdf(Dpia dpia, @Nullable Activity activity, @Nullable Screening screening, Locale locale) {
        return PdfRenderer.render(html(dpia, activity, screening, locale));
    }
}
