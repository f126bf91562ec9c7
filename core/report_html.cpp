#include "core/report_html.hpp"

#include "core/names.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace tickets {

namespace {

struct Labels {
    const char *title, *generated, *selection, *all, *from, *to, *figures, *tickets, *open,
        *open_age, *first_reply, *resolution, *sla_met, *escalated, *reminders, *satisfaction,
        *median_p90, *per_week, *resolution_times, *sla_by_priority, *bad_reasons, *total, *none,
        *working_time;
};

const Labels kGerman = {"Bericht",
                        "Erstellt",
                        "Auswahl",
                        "alle Tickets",
                        "ab",
                        "bis",
                        "Kennzahlen",
                        "Tickets",
                        "Offen",
                        "Alter offener Tickets",
                        "Erste Antwort",
                        "Lösungszeit",
                        "SLA eingehalten",
                        "Eskaliert",
                        "Erinnerungen",
                        "Zufriedenheit",
                        "Median / 90. Perzentil",
                        "Tickets pro Woche nach Status",
                        "Lösungszeiten (Arbeitszeit)",
                        "SLA-Einhaltung nach Priorität",
                        "Gründe schlechter Bewertungen",
                        "Gesamt",
                        "(keine)",
                        "Arbeitszeit"};
const Labels kEnglish = {"Report",
                         "Generated",
                         "Selection",
                         "all tickets",
                         "from",
                         "to",
                         "Figures",
                         "Tickets",
                         "Open",
                         "Age of open tickets",
                         "First reply",
                         "Resolution time",
                         "SLA met",
                         "Escalated",
                         "Reminders",
                         "Satisfaction",
                         "median / 90th percentile",
                         "Tickets per week by status",
                         "Resolution times (working time)",
                         "SLA attainment by priority",
                         "Reasons given with bad ratings",
                         "Total",
                         "(none)",
                         "working time"};

// Colours with contrast on white, one per status of both workflows.
std::string status_colour(const std::string& status) {
    static const std::pair<const char*, const char*> colours[] = {
        {"new", "#b35900"},      {"open", "#c0392b"},        {"pending", "#2c6fbb"},
        {"hold", "#7d3c98"},     {"solved", "#1e8449"},      {"closed", "#566573"},
        {"approved", "#117a65"}, {"in-progress", "#1f4e9c"}, {"done", "#27ae60"}};
    for (const auto& [name, colour] : colours)
        if (status == name) return colour;
    return "#333333";
}

std::string status_label(const std::string& status, bool german) {
    return german ? german_status(status) : status;
}

std::string duration(const std::optional<std::int64_t>& s) {
    return s ? format_working_duration(*s) : "–";
}

std::string share(const std::optional<double>& v) {
    return v ? fmt::format("{:.0f} %", *v * 100) : "–";
}

std::string date_of(std::int64_t day) {
    int y;
    unsigned m, d;
    civil_from_days(day, y, m, d);
    return fmt::format("{:02}.{:02}.", d, m);
}

// Stacked bars of the tickets created each week, coloured by their status now.
std::string weeks_chart(const Report& r, const Labels& l, bool german) {
    const int width = 720, height = 260, left = 40, bottom = 40, top = 20;
    std::int64_t most = 1;
    std::vector<std::string> statuses;
    for (const auto& w : r.weeks) {
        std::int64_t sum = 0;
        for (const auto& [status, n] : w.by_status) {
            sum += n;
            if (std::find(statuses.begin(), statuses.end(), status) == statuses.end())
                statuses.push_back(status);
        }
        most = std::max(most, sum);
    }
    std::string svg = fmt::format("<svg role=\"img\" aria-labelledby=\"weeks-title\" "
                                  "viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\">\n"
                                  "<title id=\"weeks-title\">{}</title>\n",
                                  width, height + 30, width, height + 30, html_escape(l.per_week));
    size_t n = std::max<size_t>(r.weeks.size(), 1);
    double slot = double(width - left - 10) / double(n);
    double bar = std::min(60.0, std::max(2.0, slot * 0.7));
    double scale = double(height - top - bottom) / double(most);
    svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>\n", left,
                       height - bottom, width - 10, height - bottom);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>\n",
                       left - 4, top + 4, most);
    for (size_t i = 0; i < r.weeks.size(); ++i) {
        const auto& w = r.weeks[i];
        double x = left + slot * double(i) + (slot - bar) / 2;
        double y = height - bottom;
        std::int64_t sum = 0;
        for (const auto& status : statuses) {
            auto it = w.by_status.find(status);
            if (it == w.by_status.end()) continue;
            double h = double(it->second) * scale;
            y -= h;
            sum += it->second;
            svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                               "fill=\"{}\"><title>{} {}: {}</title></rect>\n",
                               x, y, bar, h, status_colour(status), date_of(w.monday),
                               html_escape(status_label(status, german)), it->second);
        }
        svg += fmt::format("<text class=\"count\" x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" "
                           "text-anchor=\"middle\">{}</text>\n",
                           x + bar / 2, y - 3, sum);
        if (r.weeks.size() <= 26 || i % ((r.weeks.size() + 25) / 26) == 0)
            svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"10\" "
                               "text-anchor=\"middle\">{}</text>\n",
                               x + bar / 2, height - bottom + 14, date_of(w.monday));
    }
    double lx = left;
    for (const auto& status : statuses) {
        svg += fmt::format("<rect x=\"{:.0f}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>"
                           "<text x=\"{:.0f}\" y=\"{}\" font-size=\"12\">{}</text>\n",
                           lx, height + 2, status_colour(status), lx + 16, height + 12,
                           html_escape(status_label(status, german)));
        lx += 30 + 8.0 * double(status_label(status, german).size());
    }
    return svg + "</svg>\n";
}

// Horizontal bars: one per label, with its figure written beside it.
std::string bar_chart(const std::string& id, const std::string& title,
                      const std::vector<std::tuple<std::string, double, std::string>>& bars,
                      double full, const char* colour) {
    const int width = 720, row = 28, left = 170;
    int height = row * static_cast<int>(bars.size()) + 10;
    std::string svg = fmt::format("<svg role=\"img\" aria-labelledby=\"{0}-title\" "
                                  "viewBox=\"0 0 {1} {2}\" width=\"{1}\" height=\"{2}\">\n"
                                  "<title id=\"{0}-title\">{3}</title>\n",
                                  id, width, height, html_escape(title));
    for (size_t i = 0; i < bars.size(); ++i) {
        const auto& [label, value, text] = bars[i];
        double y = 5 + double(i) * row;
        double w = full > 0 ? (width - left - 90) * value / full : 0;
        svg +=
            fmt::format("<text x=\"{}\" y=\"{:.0f}\" font-size=\"13\" "
                        "text-anchor=\"end\">{}</text>\n"
                        "<rect x=\"{}\" y=\"{:.0f}\" width=\"{:.1f}\" height=\"18\" fill=\"{}\"/>\n"
                        "<text class=\"value\" x=\"{:.1f}\" y=\"{:.0f}\" font-size=\"13\">{}"
                        "</text>\n",
                        left - 8, y + 14, html_escape(label), left, y, w, colour, left + w + 6,
                        y + 14, html_escape(text));
    }
    return svg + "</svg>\n";
}

} // namespace

std::string report_html(const Report& r, const ReportPage& page) {
    bool german = page.language != "en";
    const Labels& l = german ? kGerman : kEnglish;
    std::string selection = page.filter.empty() ? l.all : page.filter;
    if (!page.from.empty()) selection += fmt::format(", {} {}", l.from, page.from);
    if (!page.to.empty()) selection += fmt::format(", {} {}", l.to, page.to);
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{}</title>\n<style>\n"
        "body {{ font-family: sans-serif; max-width: 60em; margin: 1em auto; padding: 0 1em; "
        "color: #111; background: #fff; }}\n"
        "table {{ border-collapse: collapse; }} th, td {{ padding: 0.2em 0.6em; "
        "border-bottom: 1px solid #ccc; }} td.n {{ text-align: right; }}\n"
        "th {{ text-align: left; }} tr.total td {{ font-weight: bold; }}\n"
        "svg {{ max-width: 100%; height: auto; }} figure {{ margin: 1em 0; }}\n"
        ".wide {{ overflow-x: auto; }}\n"
        "</style>\n</head>\n<body>\n<h1>{}</h1>\n<p>{}: {} · {}: {}</p>\n",
        german ? "de" : "en", html_escape(l.title), html_escape(l.title), html_escape(l.generated),
        html_escape(page.generated), html_escape(l.selection), html_escape(selection));
    out += fmt::format(
        "<h2>{}</h2>\n<div class=\"wide\">\n<table id=\"figures\">\n<thead><tr><th>{}</th>",
        l.figures, html_escape(r.by.empty() ? "" : r.by));
    for (const char* h : {l.tickets, l.open, l.open_age, l.first_reply, l.resolution, l.sla_met,
                          l.escalated, l.reminders, l.satisfaction})
        out += fmt::format("<th>{}</th>", html_escape(h));
    out += fmt::format("</tr></thead>\n<tbody>\n");
    std::vector<const ReportFigures*> rows;
    for (const auto& g : r.groups) rows.push_back(&g);
    rows.push_back(&r.total);
    for (const ReportFigures* f : rows) {
        bool total = f == &r.total;
        out += fmt::format("<tr{}><td>{}</td>", total ? " class=\"total\"" : "",
                           html_escape(total            ? l.total
                                       : f->key.empty() ? l.none
                                                        : f->key));
        for (const std::string& cell :
             {std::to_string(f->tickets), std::to_string(f->open),
              duration(f->open_age.median) + " / " + duration(f->open_age.p90),
              duration(f->first_reply.median) + " / " + duration(f->first_reply.p90),
              duration(f->resolution.median) + " / " + duration(f->resolution.p90),
              share(f->sla_attainment()), std::to_string(f->escalated),
              std::to_string(f->reminders), share(f->satisfaction())})
            out += fmt::format("<td class=\"n\">{}</td>", html_escape(cell));
        out += "</tr>\n";
    }
    out += fmt::format("</tbody>\n</table>\n</div>\n<p><small>{}: {}; {}</small></p>\n",
                       html_escape(l.open_age), html_escape(l.median_p90),
                       html_escape(german ? "Antwort- und Lösungszeiten in Arbeitszeit"
                                          : "reply and resolution times in working time"));
    out += fmt::format("<figure>\n<figcaption><h2>{}</h2></figcaption>\n{}</figure>\n",
                       html_escape(l.per_week), weeks_chart(r, l, german));
    std::vector<std::tuple<std::string, double, std::string>> buckets;
    double most = 0;
    for (const auto& b : r.resolution_times) {
        buckets.emplace_back(b.label, double(b.tickets), std::to_string(b.tickets));
        most = std::max(most, double(b.tickets));
    }
    out += fmt::format("<figure>\n<figcaption><h2>{}</h2></figcaption>\n{}</figure>\n",
                       html_escape(l.resolution_times),
                       bar_chart("resolution", l.resolution_times, buckets, most, "#2c6fbb"));
    std::vector<std::tuple<std::string, double, std::string>> attainment;
    for (const auto& p : r.by_priority)
        if (p.sla_tickets > 0)
            attainment.emplace_back(german ? german_priority(p.key) : p.key,
                                    p.sla_attainment().value_or(0), share(p.sla_attainment()));
    out += fmt::format("<figure>\n<figcaption><h2>{}</h2></figcaption>\n{}</figure>\n",
                       html_escape(l.sla_by_priority),
                       bar_chart("sla", l.sla_by_priority, attainment, 1.0, "#1e8449"));
    if (!r.total.bad_reasons.empty()) {
        out += fmt::format("<h2>{}</h2>\n<ul>\n", html_escape(l.bad_reasons));
        for (const auto& [reason, n] : r.total.bad_reasons)
            out += fmt::format("<li>{} × {}</li>\n", n, html_escape(reason));
        out += "</ul>\n";
    }
    return out + "</body>\n</html>\n";
}

} // namespace tickets
