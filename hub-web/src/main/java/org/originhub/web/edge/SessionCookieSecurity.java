package org.originhub.web.edge;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Marks the session cookie {@code Secure} when the hub's public address is https ({@code HUB_PUBLIC_URL}): behind a
 * proxy that ends TLS the hub itself sees plain http, and the container would send the cookie without it.
 */
@WebListener
public class SessionCookieSecurity implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        EdgeSettings settings = EdgeSettings.from(ConfigProvider.getConfig());
        if (settings.publicUrl().map(url -> "https".equalsIgnoreCase(url.getScheme())).orElse(false)) {
            event.getServletContext().getSessionCookieConfig().setSecure(true);
        }
    }
}
