/** Monthly break forecasts with intervals under weather scenarios, their back-test, and anomalous months. */
package io.breakwater.forecast;
