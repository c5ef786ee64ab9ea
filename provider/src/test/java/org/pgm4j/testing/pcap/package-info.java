/**
 * A minimal reader and writer for classic libpcap capture files carrying UDP over IPv4 or IPv6, for cross-checking
 * the PGM stack against captures and against tshark.
 */
package org.pgm4j.testing.pcap;
