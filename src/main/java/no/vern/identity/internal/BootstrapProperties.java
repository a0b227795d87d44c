package no.vern.identity.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** First-start secrets from the environment; never logged. */
@ConfigurationProperties("vern.bootstrap")
record BootstrapProperties(@DefaultValue("") String adminPassword, @DefaultValue("") String apiToken) {

    @Override
    public String toString() {
        return "BootstrapProperties[adminPassword=***, apiToken=***]";
    }
}
