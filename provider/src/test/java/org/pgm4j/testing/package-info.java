/**
 * Test support for running external programs (tshark, nft, python3, ip, unshare) with a skip-locally, fail-on-CI
 * policy when they are missing.
 */
package org.pgm4j.testing;
