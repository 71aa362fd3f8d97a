/** Small helpers of the kit, also handy for the local launcher: free ports, option parsing, file clean-up. */
package dev.orderplatform.infra.support;
