/** The console's overview: the dashboard (registry, alert and audit figures; message figures come with the exchange) and alerts. */
package org.originhub.web.console.overview;
