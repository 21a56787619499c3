/**
 * MicroProfile Health checks: {@code /health/ready} is UP only when the database answers and every migration has been
 * applied; {@code /health/live} is UP while the application is deployed.
 */
package org.originhub.web.health;
