-- Readiness schema, version 1.
-- Student numbers never reach this file: every student column holds the first
-- 16 bytes of HMAC-SHA-256(key, student_id), with the key in meta.hmac_key.
-- School years are stored by their ending calendar year (2025 is 2024-25).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO settings (key, value) VALUES
    ('min_n', '10'),
    ('concentrator_courses', '2'),
    ('substantial_internship_hours', '90');

CREATE TABLE clusters (
    name      TEXT PRIMARY KEY,
    framework TEXT NOT NULL CHECK (framework IN ('2024', 'national', 'local')),
    code      TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE schools (
    school_id     TEXT PRIMARY KEY,
    school_name   TEXT NOT NULL,
    district_id   TEXT NOT NULL DEFAULT '',
    district_name TEXT NOT NULL DEFAULT '',
    nces_id       TEXT NOT NULL DEFAULT '',
    grade_low     TEXT NOT NULL DEFAULT '',
    grade_high    TEXT NOT NULL DEFAULT '',
    school_type   TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE INDEX schools_district ON schools (district_id);

CREATE TABLE students (
    student         BLOB NOT NULL,
    school_year     INTEGER NOT NULL,
    school_id       TEXT NOT NULL REFERENCES schools (school_id),
    grade           TEXT NOT NULL,
    gender          TEXT NOT NULL DEFAULT '',
    race_ethnicity  TEXT NOT NULL DEFAULT '',
    low_income      TEXT NOT NULL DEFAULT '',
    english_learner TEXT NOT NULL DEFAULT '',
    disability      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (student, school_year)
) WITHOUT ROWID;

CREATE TABLE cte_enrollments (
    student     BLOB NOT NULL,
    school_id   TEXT NOT NULL REFERENCES schools (school_id),
    school_year INTEGER NOT NULL,
    course_id   TEXT NOT NULL,
    section_id  TEXT NOT NULL DEFAULT '',
    term        TEXT NOT NULL DEFAULT '',
    cluster     TEXT NOT NULL REFERENCES clusters (name),
    course_name TEXT NOT NULL DEFAULT '',
    pathway     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (student, school_id, school_year, course_id, section_id, term)
) WITHOUT ROWID;

-- The table and this index are the only two B-trees an enrollment updates.
-- school_year comes first so that the latest year and the list of years are
-- read from the index; student makes it cover a report's participant and
-- concentrator counts, so they never read the table itself.
CREATE INDEX cte_enrollments_school_year ON cte_enrollments (school_year, school_id, cluster, student);

-- concentrator_since holds, per student and cluster, the first school year by
-- which the student had enrolled in the concentrator course count of distinct
-- courses of that cluster (all schools, all years). It is rebuilt for the
-- students an import touches, so a report never scans the whole history.
CREATE TABLE concentrator_since (
    student     BLOB NOT NULL,
    cluster     TEXT NOT NULL,
    school_year INTEGER NOT NULL,
    PRIMARY KEY (student, cluster)
) WITHOUT ROWID;

CREATE TABLE credentials (
    student         BLOB NOT NULL,
    school_id       TEXT NOT NULL REFERENCES schools (school_id),
    school_year     INTEGER NOT NULL,
    credential_key  TEXT NOT NULL, -- credential_id, or else credential_name
    credential_name TEXT NOT NULL,
    credential_id   TEXT NOT NULL DEFAULT '',
    cluster         TEXT REFERENCES clusters (name), -- NULL: unassigned
    issuer          TEXT NOT NULL DEFAULT '',
    earned_date     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (student, school_year, credential_key)
);

CREATE INDEX credentials_school_year ON credentials (school_id, school_year);

CREATE TABLE work_based_learning (
    student         BLOB NOT NULL,
    school_id       TEXT NOT NULL REFERENCES schools (school_id),
    school_year     INTEGER NOT NULL,
    experience_type TEXT NOT NULL,
    hours           REAL NOT NULL,
    cluster         TEXT NOT NULL DEFAULT '', -- '' when not given
    employer        TEXT NOT NULL DEFAULT '',
    start_date      TEXT NOT NULL DEFAULT '',
    end_date        TEXT NOT NULL DEFAULT '',
    UNIQUE (student, school_id, school_year, experience_type, hours, cluster, employer, start_date, end_date)
);

CREATE INDEX work_based_learning_school_year ON work_based_learning (school_id, school_year);

CREATE TABLE teachers (
    teacher_id    TEXT NOT NULL,
    school_id     TEXT NOT NULL REFERENCES schools (school_id),
    school_year   INTEGER NOT NULL,
    cluster       TEXT NOT NULL REFERENCES clusters (name),
    fte           REAL NOT NULL CHECK (fte > 0 AND fte <= 1),
    cte_certified TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (teacher_id, school_id, school_year, cluster)
) WITHOUT ROWID;

CREATE INDEX teachers_school_year ON teachers (school_id, school_year);

CREATE TABLE sections (
    section_id  TEXT NOT NULL,
    school_year INTEGER NOT NULL,
    school_id   TEXT NOT NULL REFERENCES schools (school_id),
    course_id   TEXT NOT NULL,
    cluster     TEXT NOT NULL REFERENCES clusters (name),
    teacher_id  TEXT NOT NULL,
    seats       INTEGER NOT NULL CHECK (seats > 0),
    enrolled    INTEGER NOT NULL CHECK (enrolled >= 0),
    requests    INTEGER CHECK (requests >= 0), -- NULL: not reported
    PRIMARY KEY (section_id, school_year)
) WITHOUT ROWID;

CREATE INDEX sections_school_year ON sections (school_id, school_year);

CREATE TABLE postsecondary (
    student         BLOB NOT NULL,
    graduation_year INTEGER NOT NULL,
    school_id       TEXT NOT NULL REFERENCES schools (school_id),
    outcome         TEXT NOT NULL,
    cluster         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (student, graduation_year)
) WITHOUT ROWID;

-- outcome makes the index cover a report's outcome counts.
CREATE INDEX postsecondary_school_year ON postsecondary (school_id, graduation_year, outcome);

-- reported_indicators holds aggregate values a publisher computed, such as a
-- state report card. value is NULL where the publisher masked it or gave none;
-- display keeps the publisher's own mask text (for example "<10" or ">95%").
CREATE TABLE reported_indicators (
    school_id   TEXT NOT NULL REFERENCES schools (school_id),
    school_year INTEGER NOT NULL,
    indicator   TEXT NOT NULL,
    dimension   TEXT NOT NULL,
    value       REAL,
    display     TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT '',
    suppressed  INTEGER NOT NULL DEFAULT 0 CHECK (suppressed IN (0, 1)),
    PRIMARY KEY (school_id, school_year, indicator, dimension)
) WITHOUT ROWID;

CREATE TABLE imports (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL, -- RFC 3339, UTC
    file      TEXT NOT NULL, -- base name only
    kind      TEXT NOT NULL, -- the table the file fed
    rows      INTEGER NOT NULL,
    sha256    TEXT NOT NULL
);
