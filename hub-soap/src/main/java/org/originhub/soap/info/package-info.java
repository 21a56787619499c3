/**
 * The public hub information service ({@code /services/hub}): name, release, instance identity and clock. It needs
 * no signature because it reveals nothing about the community; every other service goes through the WS-Security
 * pipeline.
 */
package org.originhub.soap.info;
