/** The Power BI project (PBIP) an export writes beside its files: a TMDL semantic model and a PBIR report. */
package io.breakwater.bi.internal.pbip;
