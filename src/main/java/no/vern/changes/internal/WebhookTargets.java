package no.vern.changes.internal;

import no.vern.shared.AddressGuard;
import no.vern.shared.WebhookClient;

/**
 * How webhook subscriptions reach their URLs: the shared SSRF guard, the allowances of the server setting
 * ({@code vern.webhooks.allow-loopback}, {@code allow-private-networks}) and the shared client that connects only to
 * the address the guard checked. One value, so that the connectors' own guard beans stay unambiguous.
 */
record WebhookTargets(AddressGuard guard, AddressGuard.Allowances allowances, WebhookClient client) {
}
