package org.originhub.hub.messagelog.boundary;

/** A stored payload, byte for byte as received, with its media type and SHA-256. */
public record PayloadDownload(String trackingNumber, String mediaType, String sha256, byte[] content) {
}
