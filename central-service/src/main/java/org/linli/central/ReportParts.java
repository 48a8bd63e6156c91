package org.linli.central;

import java.time.Clock;
import org.linli.central.calendar.CalendarEntries;
import org.linli.central.calendar.CalendarFeeds;
import org.linli.central.calendar.CalendarService;
import org.linli.central.calendar.CalendarWriter;
import org.linli.central.calendar.FeedTokens;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.config.Settings;
import org.linli.central.reports.Comparison;
import org.linli.central.reports.HubScope;
import org.linli.central.reports.MonthlyReports;
import org.linli.central.reports.ReportJob;
import org.linli.central.reports.ReportSchedule;
import org.linli.central.reports.ReportService;
import org.linli.central.reports.Reports;
import org.linli.central.reports.Weights;
import org.linli.central.store.Database;
import org.linli.central.store.Leases;

/** The reports and calendar feeds (issue 16), built with plain constructors as part of {@link Components}. */
public record ReportParts(HubScope scope, Reports reports, Comparison comparison, Weights weights,
        MonthlyReports monthly, ReportJob job, ReportSchedule schedule, CalendarFeeds feeds, CalendarEntries entries,
        CalendarWriter writer, FeedTokens tokens) {

    static ReportParts create(Settings settings, Database db, Catalogue catalogue, Clock clock, Leases leases) {
        HubScope scope = new HubScope(catalogue);
        Reports reports = new Reports(db, catalogue, scope, clock);
        Weights weights = new Weights(db);
        ReportJob job = new ReportJob(db, catalogue, scope, clock);
        MonthlyReports monthly = new MonthlyReports(settings.dataDir().resolve("reports"), catalogue, reports, clock);
        return new ReportParts(scope, reports, new Comparison(db, scope, weights), weights, monthly, job,
                new ReportSchedule(job, monthly, leases), new CalendarFeeds(db, clock), new CalendarEntries(db),
                new CalendarWriter(clock), FeedTokens.loadOrCreate(settings.dataDir().resolve("calendar.secret")));
    }

    ReportService reportService(Components c) {
        return new ReportService(reports, comparison, weights, monthly, job, scope, c.catalogue(), c.guard(),
                c.settings().maxBodyBytes());
    }

    CalendarService calendarService(Components c) {
        return new CalendarService(feeds, entries, writer, tokens, c.catalogue(), c.guard(), c.clock(),
                c.settings().maxBodyBytes());
    }
}
