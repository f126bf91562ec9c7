#include "store/search_rows.hpp"

#include <SQLiteCpp/Exception.h>
#include <new>

namespace tickets {

namespace {

// The pointer type's name, which SQLite checks when the function reads the
// bound value: no other kind of pointer, nor any other value, gets through.
constexpr const char* kPointerType = "tickets_search_rows";

enum Column { kId, kSubject, kDescription, kComments, kNotes, kRows /* hidden: the argument */ };

struct Cursor {
    sqlite3_vtab_cursor base; // first: SQLite's part
    const SearchRows* rows = nullptr;
    SearchRows::const_iterator at;
};

int connect(sqlite3* db, void*, int, const char* const*, sqlite3_vtab** out, char**) {
    int rc = sqlite3_declare_vtab(
        db, "CREATE TABLE x(id INTEGER, subject TEXT, description TEXT, comments TEXT, notes TEXT, "
            "rows HIDDEN)");
    if (rc != SQLITE_OK) return rc;
    auto* vtab = static_cast<sqlite3_vtab*>(sqlite3_malloc(sizeof(sqlite3_vtab)));
    if (!vtab) return SQLITE_NOMEM;
    *vtab = sqlite3_vtab{};
    *out = vtab;
    return SQLITE_OK;
}

int disconnect(sqlite3_vtab* vtab) {
    sqlite3_free(vtab);
    return SQLITE_OK;
}

// Only with its argument: search_rows(?) and nothing else.
int best_index(sqlite3_vtab*, sqlite3_index_info* info) {
    for (int i = 0; i < info->nConstraint; ++i) {
        const auto& c = info->aConstraint[i];
        if (c.iColumn != kRows || c.op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
        if (!c.usable) return SQLITE_CONSTRAINT;
        info->aConstraintUsage[i].argvIndex = 1;
        info->aConstraintUsage[i].omit = 1;
        info->idxNum = 1;
        info->estimatedCost = 1;
        return SQLITE_OK;
    }
    return SQLITE_CONSTRAINT;
}

int open_cursor(sqlite3_vtab*, sqlite3_vtab_cursor** out) {
    auto* cursor = new (std::nothrow) Cursor();
    if (!cursor) return SQLITE_NOMEM;
    *out = &cursor->base;
    return SQLITE_OK;
}

Cursor* cursor_of(sqlite3_vtab_cursor* c) {
    return reinterpret_cast<Cursor*>(c);
}

int close_cursor(sqlite3_vtab_cursor* c) {
    delete cursor_of(c);
    return SQLITE_OK;
}

int filter(sqlite3_vtab_cursor* c, int, const char*, int argc, sqlite3_value** argv) {
    Cursor* cursor = cursor_of(c);
    cursor->rows =
        argc == 1 ? static_cast<const SearchRows*>(sqlite3_value_pointer(argv[0], kPointerType))
                  : nullptr;
    if (cursor->rows) cursor->at = cursor->rows->begin();
    return SQLITE_OK;
}

int eof(sqlite3_vtab_cursor* c) {
    Cursor* cursor = cursor_of(c);
    return !cursor->rows || cursor->at == cursor->rows->end();
}

int next(sqlite3_vtab_cursor* c) {
    ++cursor_of(c)->at;
    return SQLITE_OK;
}

void result_text(sqlite3_context* context, const std::string& text) {
    // The rows outlive the statement's execution: SQLite need not copy.
    sqlite3_result_text64(context, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
}

int column(sqlite3_vtab_cursor* c, sqlite3_context* context, int n) {
    const auto& [id, row] = *cursor_of(c)->at;
    switch (n) {
    case kId:
        sqlite3_result_int64(context, id);
        break;
    case kSubject:
        result_text(context, row.subject);
        break;
    case kDescription:
        result_text(context, row.description);
        break;
    case kComments:
        result_text(context, row.comments);
        break;
    case kNotes:
        result_text(context, row.notes);
        break;
    default:
        sqlite3_result_null(context);
    }
    return SQLITE_OK;
}

int rowid(sqlite3_vtab_cursor* c, sqlite3_int64* out) {
    *out = cursor_of(c)->at->first;
    return SQLITE_OK;
}

// Eponymous only (no xCreate): it exists in every schema without a CREATE.
const sqlite3_module kModule = {
    /*iVersion=*/0,
    /*xCreate=*/nullptr,
    connect,
    best_index,
    disconnect,
    /*xDestroy=*/nullptr,
    open_cursor,
    close_cursor,
    filter,
    next,
    eof,
    column,
    rowid,
    /*xUpdate=*/nullptr,
    /*xBegin=*/nullptr,
    /*xSync=*/nullptr,
    /*xCommit=*/nullptr,
    /*xRollback=*/nullptr,
    /*xFindFunction=*/nullptr,
    /*xRename=*/nullptr,
    /*xSavepoint=*/nullptr,
    /*xRelease=*/nullptr,
    /*xRollbackTo=*/nullptr,
    /*xShadowName=*/nullptr};

} // namespace

void register_search_rows(sqlite3* db) {
    sqlite3_create_module(db, "search_rows", &kModule, nullptr);
}

void insert_search_rows(sqlite3* db, const SearchRows& rows) {
    const char* sql = "INSERT INTO search (rowid, subject, description, comments, notes) "
                      "SELECT id, subject, description, comments, notes FROM search_rows(?)";
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, const_cast<SearchRows*>(&rows), kPointerType, nullptr);
        rc = sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) throw SQLite::Exception(db, rc);
}

} // namespace tickets
