/**
 * The {@code gateway-kit} command line: {@link org.originhub.gatewaykit.cli.GatewayKit} runs one hub operation (send,
 * validate, inbox, pull, ack, track, status, check-signer, directory) through the client library, or a PUSH gateway
 * simulator, with human output and exit codes a script can branch on.
 */
package org.originhub.gatewaykit.cli;
