// tickets-pdf: lays out tickets as a PDF for `tickets show --format pdf`
// (the paper file), a helper program so that only this command loads Cairo
// and Pango (and GLib, HarfBuzz, fontconfig). One request frame:
//   {"output": PATH}, body: core/printout.hpp's printout_json, an array of
//   tickets with "title", "number", "page_label", "fields" ([label,
//   value] pairs) and "entries" ({"heading", "kind", "internal", "body",
//   "attachments"});
// answered with {"pages": N}. A4, every ticket from a new page, its number
// and subject above and "Seite n / m" below on each of its pages; Pango
// wraps the text (umlauts, long words broken with a hyphen) and a text runs
// on over pages line by line.
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "helper/frame.hpp"

#include <cairo-pdf.h>
#include <fmt/format.h>
#include <memory>
#include <pango/pangocairo.h>
#include <string>
#include <vector>

namespace tickets {

namespace {

using Json = nlohmann::json;

constexpr double kWidth = 595.28, kHeight = 841.89; // A4 in points
constexpr double kMargin = 56.7;                    // 2 cm
constexpr double kTop = kMargin + 24, kBottom = kHeight - kMargin - 12;
constexpr double kFieldLabel = 110;     // width of the fields' label column
constexpr double kKeepWithHeading = 30; // two lines of text below a heading

struct LayoutDeleter {
    void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

// One line of a layout, where it goes: its page and baseline.
struct Placed {
    PangoLayoutLine* line;
    double x, baseline;
};

class Document {
  public:
    explicit Document(const std::string& path)
        : path_(path), surface_(cairo_pdf_surface_create(path.c_str(), kWidth, kHeight)),
          cr_(cairo_create(surface_)) {}
    ~Document() {
        cairo_destroy(cr_);
        cairo_surface_destroy(surface_);
    }
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    void add_ticket(const Json& t) {
        std::vector<Layout> layouts;
        std::vector<std::vector<Placed>> pages(1);
        double y = kTop;
        // `keep`: room that must be left below the first line, so that a
        // heading does not end a page without the lines it heads.
        auto place = [&](Layout layout, double space_after, double keep = 0) {
            PangoLayoutIter* iter = pango_layout_get_iter(layout.get());
            bool first = true;
            do {
                PangoRectangle logical;
                pango_layout_iter_get_line_extents(iter, nullptr, &logical);
                double height = logical.height / double(PANGO_SCALE);
                double ascent =
                    (pango_layout_iter_get_baseline(iter) - logical.y) / double(PANGO_SCALE);
                double needed = height + (first ? keep : 0);
                first = false;
                if (y + needed > kBottom && !pages.back().empty()) {
                    pages.emplace_back();
                    y = kTop;
                }
                pages.back().push_back({pango_layout_iter_get_line_readonly(iter),
                                        kMargin + logical.x / double(PANGO_SCALE), y + ascent});
                y += height;
            } while (pango_layout_iter_next_line(iter));
            pango_layout_iter_free(iter);
            y += space_after;
            layouts.push_back(std::move(layout));
        };
        std::string title = t.at("title").get<std::string>();
        place(text_layout("Sans Bold 15", title), 10);
        for (const auto& f : t.at("fields"))
            place(field_layout(f.at(0).get<std::string>(), f.at(1).get<std::string>()), 1);
        y += 10;
        std::string attachments = t.at("attachments_label").get<std::string>();
        for (const auto& e : t.at("entries")) {
            std::string heading =
                e.at("heading").get<std::string>() + " (" + e.at("kind").get<std::string>() + ")";
            place(text_layout(e.at("internal").get<bool>() ? "Sans Bold Italic 10" : "Sans Bold 10",
                              heading),
                  3, kKeepWithHeading);
            std::string body = e.at("body").get<std::string>();
            if (!body.empty()) place(text_layout("Sans 10", body), 3);
            for (const auto& a : e.at("attachments"))
                place(text_layout("Sans Italic 9", attachments + ": " + a.get<std::string>()), 1);
            y += 9;
        }
        std::string page_label = t.at("page_label").get<std::string>();
        for (size_t p = 0; p < pages.size(); ++p) {
            furniture(title, fmt::format("{} {} / {}", page_label, p + 1, pages.size()));
            cairo_set_source_rgb(cr_, 0, 0, 0);
            for (const auto& placed : pages[p]) {
                cairo_move_to(cr_, placed.x, placed.baseline);
                pango_cairo_show_layout_line(cr_, placed.line);
            }
            cairo_show_page(cr_);
            ++pages_;
        }
    }

    int finish() {
        cairo_surface_finish(surface_);
        cairo_status_t status = cairo_surface_status(surface_);
        if (status != CAIRO_STATUS_SUCCESS)
            throw Failure(kDataErr, fmt::format("cannot write {}: {}", path_,
                                                cairo_status_to_string(status)));
        return pages_;
    }

  private:
    Layout text_layout(const char* font, const std::string& text, double indent = 0) {
        Layout layout(pango_cairo_create_layout(cr_));
        PangoFontDescription* description = pango_font_description_from_string(font);
        pango_layout_set_font_description(layout.get(), description);
        pango_font_description_free(description);
        pango_layout_set_width(layout.get(), int((kWidth - 2 * kMargin) * PANGO_SCALE));
        // Words at spaces, a word too long for a line between its letters
        // (with a hyphen).
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        if (indent != 0) pango_layout_set_indent(layout.get(), int(indent * PANGO_SCALE));
        pango_layout_set_text(layout.get(), text.data(), int(text.size()));
        return layout;
    }

    // "Status<tab>Offen", the value's further lines under its first.
    Layout field_layout(const std::string& label, const std::string& value) {
        Layout layout = text_layout("Sans 10", label + "\t" + value, -kFieldLabel);
        PangoTabArray* tabs =
            pango_tab_array_new_with_positions(1, TRUE, PANGO_TAB_LEFT, int(kFieldLabel));
        pango_layout_set_tabs(layout.get(), tabs);
        pango_tab_array_free(tabs);
        PangoAttrList* attrs = pango_attr_list_new();
        PangoAttribute* bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
        bold->start_index = 0;
        bold->end_index = static_cast<guint>(label.size());
        pango_attr_list_insert(attrs, bold);
        pango_layout_set_attributes(layout.get(), attrs);
        pango_attr_list_unref(attrs);
        return layout;
    }

    // The ticket's number and subject (its title) above, the page number below.
    void furniture(const std::string& title, const std::string& page) {
        cairo_set_source_rgb(cr_, 0.35, 0.35, 0.35);
        Layout head = text_layout("Sans 8", title);
        pango_layout_set_ellipsize(head.get(), PANGO_ELLIPSIZE_END);
        cairo_move_to(cr_, kMargin, kMargin);
        pango_cairo_show_layout(cr_, head.get());
        Layout foot = text_layout("Sans 8", page);
        pango_layout_set_alignment(foot.get(), PANGO_ALIGN_RIGHT);
        cairo_move_to(cr_, kMargin, kHeight - kMargin);
        pango_cairo_show_layout(cr_, foot.get());
    }

    std::string path_;
    cairo_surface_t* surface_;
    cairo_t* cr_;
    int pages_ = 0;
};

} // namespace

} // namespace tickets

int main() {
    return tickets::helper::answer_frames(
        [](const tickets::helper::Frame& request, tickets::helper::Frame& answer) {
            tickets::Document document(request.header.at("output").get<std::string>());
            for (const auto& t : tickets::parse_json(request.body)) document.add_ticket(t);
            answer.header["pages"] = document.finish();
        });
}
