/** Implementation of the BI layer: the refresh, the date dimension, the file export and the HTML/SVG rendering. */
package io.breakwater.bi.internal;
