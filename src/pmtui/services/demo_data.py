"""Demo plan: "CRM migration", a realistic IT project, as pure data.

A company moves its sales and customer-service teams (120 users) from a legacy on-premise
Siebel-style CRM to a SaaS CRM (Sales Cloud + Service Cloud), integrated with SAP S/4HANA and
single sign-on through Microsoft Entra ID, with a full data migration, UAT, a cutover rehearsal,
go-live and four weeks of hypercare.

This module holds data only (standard library only). A builder elsewhere turns it into a real
project. All offsets are in working days from the project start; the builder puts the project
start ``STATUS_OFFSET`` working days before "today".

Conventions (see DESIGN.md): a task of duration d starting on working day s occupies days
s … s+d−1; milestones have duration 0; links are "key", "key:SS", "key:FF+2", "key:FS-3" (type
defaults to FS, lag in working days, negative = lead); only FS/SS links point to a summary.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DemoResource",
    "DemoTask",
    "DemoRisk",
    "PROJECT_NAME",
    "CURRENCY",
    "RESOURCES",
    "ROLES",
    "TASKS",
    "STATUS_OFFSET",
    "HOLIDAYS",
    "HOLIDAY_NAMES",
    "RISKS",
]


@dataclass(frozen=True)
class DemoResource:
    name: str  # unique, realistic person names, or a vendor company name
    kind: str  # "person" | "vendor" | "equipment"
    rate: float  # cost per working day in the project's currency (EUR)
    max_units: float = 1.0  # 1.0 = 100 %
    # personal leave as (first, last) working-day offsets from project start, inclusive
    leave: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class DemoTask:
    key: str  # short unique identifier, e.g. "kickoff"
    name: str
    duration: int = 0  # working days; 0 = milestone; ignored for summaries
    parent: str | None = None  # key of the summary task it sits under
    after: tuple[str, ...] = ()  # predecessors: "key", "key:SS", "key:FF+2", "key:FS-3"
    assign: tuple[tuple[str, float], ...] = ()  # (resource name, units 0.25..1.0)
    estimate: tuple[float, float, float] | None = None  # optimistic, most likely, pessimistic
    constraint: tuple[str, int] | None = None  # (type, working-day offset from project start)
    deadline: int | None = None  # working-day offset from project start
    done: int = 0  # percent complete at the demo's status date: 0..100
    fixed_cost: float = 0.0
    notes: str = ""


@dataclass(frozen=True)
class DemoRisk:
    title: str
    kind: str  # "threat" | "opportunity"
    category: str  # "Technical", "Data", "Vendor", "People", "Schedule", "Budget", ...
    probability: int  # 1..5
    impact: int  # 1..5
    owner: str  # a resource name from RESOURCES
    strategy: str  # threats: avoid|mitigate|transfer|accept|escalate
    #               opportunities: exploit|enhance|share|accept|escalate
    description: str
    cause: str
    effect: str
    response: str  # the response plan
    trigger: str
    tasks: tuple[str, ...] = ()  # keys of linked tasks
    schedule_impact: int = 0  # working days
    cost_impact: float = 0.0  # EUR
    status: str = "open"  # open | occurred | closed
    review_offset: int = 10  # working days from project start to the next review
    # earlier scores: (working-day offset, probability, impact, comment)
    history: tuple[tuple[int, int, int, str], ...] = ()


PROJECT_NAME = "CRM migration"
CURRENCY = "EUR"

# --------------------------------------------------------------------------------------------
# Resources
# --------------------------------------------------------------------------------------------

_PM = "Claire Dubois"
_BA = "Tomas Herrera"
_ARCH = "Anika Schultz"
_DEV1 = "Jonas Berg"
_DEV2 = "Priya Raman"
_DATA = "Marek Novak"
_QA = "Fiona Walsh"
_CHANGE = "Lena Hoffmann"
_VENDOR = "Northstar CRM Consulting"

RESOURCES: tuple[DemoResource, ...] = (
    DemoResource(_PM, "person", 880.0),
    DemoResource(_BA, "person", 650.0),
    DemoResource(_ARCH, "person", 950.0),
    DemoResource(_DEV1, "person", 620.0),
    DemoResource(_DEV2, "person", 590.0),
    # A day of leave between the data-migration trial loads, in the wait before trial load 2
    # and after the last day trial load 1's fixes may finish: tasks are worked on their people's
    # time, so leave a day later would move trial load 2 and the go-live behind it, a day
    # earlier would make the fixes critical (`pmtui resource leave add` shows either).
    DemoResource(_DATA, "person", 720.0, leave=((46, 46),)),
    DemoResource(_QA, "person", 640.0),
    DemoResource(_CHANGE, "person", 560.0),
    # The SaaS CRM implementation partner: a team, so up to two consultants at a time.
    DemoResource(_VENDOR, "vendor", 1400.0, max_units=2.0),
)

# Convenience for the builder or the UI (not required by the format).
ROLES: dict[str, str] = {
    _PM: "Project manager",
    _BA: "Business analyst",
    _ARCH: "Solution architect",
    _DEV1: "Developer (integration)",
    _DEV2: "Developer (CRM configuration)",
    _DATA: "Data engineer",
    _QA: "QA / test lead",
    _CHANGE: "Change & training lead",
    _VENDOR: "SaaS CRM implementation partner",
}

# --------------------------------------------------------------------------------------------
# Tasks, in outline order
# --------------------------------------------------------------------------------------------

STATUS_OFFSET: int = 30

T = DemoTask

TASKS: tuple[DemoTask, ...] = (
    # 1 Initiation ------------------------------------------------------------------------
    T("init", "Initiation"),
    T(
        "charter",
        "Project charter & scope statement",
        3,
        parent="init",
        assign=((_PM, 1.0),),
        done=100,
        notes="Scope: Sales + Service Cloud for 120 users; marketing automation is phase 2.",
    ),
    T(
        "business_case",
        "Business case & budget approval",
        3,
        parent="init",
        after=("charter:SS+1",),
        assign=((_PM, 0.5), (_ARCH, 0.25)),
        done=100,
        notes="Steering committee approved EUR 640k incl. 10 % contingency.",
    ),
    T(
        "vendor_contract",
        "Implementation partner SOW & contract",
        3,
        parent="init",
        after=("business_case",),
        assign=((_PM, 0.5),),
        done=100,
        notes="Time & materials with a cap; milestone payments at build complete and go-live.",
    ),
    T(
        "kickoff",
        "Project kick-off workshop",
        1,
        parent="init",
        after=("business_case:FS+1",),
        assign=((_PM, 1.0), (_BA, 1.0), (_ARCH, 1.0), (_VENDOR, 1.0)),
        done=100,
        fixed_cost=950.0,
        notes="Off-site room and catering for 18 people.",
    ),
    T(
        "m_init",
        "Initiation complete",
        0,
        parent="init",
        after=("kickoff", "vendor_contract"),
        done=100,
    ),
    # 2 Analysis & design -----------------------------------------------------------------
    T("analysis", "Analysis & design", after=("m_init",)),  # link to a summary
    T(
        "asis",
        "As-is process mapping (Siebel sales & service)",
        5,
        parent="analysis",
        assign=((_BA, 1.0),),
        done=100,
        notes="42 Siebel workflows and 3 custom batch jobs documented in Confluence.",
    ),
    T(
        "data_profile",
        "Legacy data profiling & quality assessment",
        6,
        parent="analysis",
        after=("asis:SS",),
        assign=((_DATA, 1.0),),
        estimate=(5.0, 6.0, 9.0),
        done=100,
        notes="1.8 M accounts/contacts; ~14 % suspected duplicates; 22 % lack a consent flag.",
    ),
    T("req", "Requirements", parent="analysis"),
    T(
        "req_sales",
        "Requirements workshops: sales, accounts & quotes",
        4,
        parent="req",
        after=("asis:SS+2",),
        assign=((_BA, 1.0), (_VENDOR, 0.5)),
        done=100,
    ),
    T(
        "req_service",
        "Requirements workshops: customer service & SLAs",
        4,
        parent="req",
        after=("req_sales",),
        assign=((_BA, 1.0), (_QA, 0.25)),
        done=100,
    ),
    T(
        "req_backlog",
        "User stories & prioritised backlog (MoSCoW)",
        3,
        parent="req",
        after=("req_service",),
        assign=((_BA, 1.0), (_PM, 0.25)),
        done=100,
        notes="212 stories: 96 must, 71 should, 45 could/won't.",
    ),
    T(
        "vendor_ws",
        "Partner solution design workshop",
        2,
        parent="analysis",
        after=("req_sales",),
        assign=((_VENDOR, 1.0), (_ARCH, 1.0), (_BA, 0.5)),
        constraint=("SNET", 15),
        done=100,
        notes="Partner's lead architect available on site only from day 15 (per SOW).",
    ),
    T(
        "arch",
        "Solution architecture & integration design",
        8,
        parent="analysis",
        after=("vendor_ws",),
        assign=((_ARCH, 1.0), (_VENDOR, 0.5)),
        estimate=(6.0, 8.0, 12.0),
        done=100,
        notes="Middleware to SAP S/4HANA; SSO via Entra ID (SAML 2.0); sandbox strategy.",
    ),
    T(
        "erp_design",
        "SAP interface specification (customers, orders)",
        5,
        parent="analysis",
        after=("arch:SS+3",),
        assign=((_ARCH, 0.5), (_DEV1, 1.0)),
        done=100,
    ),
    T(
        "migr_strategy",
        "Data migration strategy & mapping rules",
        6,
        parent="analysis",
        after=("data_profile", "arch:SS+2"),
        assign=((_DATA, 1.0), (_ARCH, 0.25)),
        done=100,
        notes="Big-bang cutover with a delta load; 5 years of closed cases, older ones archived.",
    ),
    T(
        "design_doc",
        "Solution design document (SDD)",
        6,
        parent="analysis",
        after=("arch", "erp_design:FF+1", "migr_strategy"),
        assign=((_ARCH, 1.0), (_BA, 0.5)),
        done=60,
        notes="Security chapter waiting on the DPO's review of consent handling.",
    ),
    T(
        "design_signoff",
        "Design sign-off",
        0,
        parent="analysis",
        after=("design_doc",),
        deadline=30,
        notes="Design authority board meets on day 30.",
    ),
    # 3 Build & data migration ------------------------------------------------------------
    T("build", "Build & data migration"),
    T(
        "sandbox",
        "Provision CRM org, sandboxes & licences",
        3,
        parent="build",
        after=("arch:SS+2",),
        assign=((_VENDOR, 0.5), (_ARCH, 0.25)),
        done=100,
        fixed_cost=86400.0,
        notes="120 users x 60 EUR/user/month, year 1 prepaid, plus a full-copy sandbox.",
    ),
    T("config", "CRM configuration", parent="build", after=("req_backlog",)),  # link to a summary
    T(
        "cfg_data_model",
        "Data model: objects, fields, record types",
        5,
        parent="config",
        after=("sandbox",),
        assign=((_VENDOR, 1.0), (_DEV2, 0.5)),
        done=100,
    ),
    T(
        "cfg_service",
        "Service console, cases, queues & entitlements",
        5,
        parent="config",
        after=("cfg_data_model:SS+2",),
        assign=((_VENDOR, 1.0), (_DEV2, 0.5)),
        done=100,
    ),
    T(
        "cfg_sales",
        "Sales process: leads, opportunities, quotes",
        8,
        parent="config",
        after=("cfg_data_model",),
        assign=((_VENDOR, 1.0), (_DEV2, 0.5)),
        estimate=(6.0, 8.0, 12.0),
        done=40,
        notes="CPQ discount approval matrix still open with Sales Ops.",
    ),
    T(
        "cfg_security",
        "Security model: roles, profiles, sharing rules",
        4,
        parent="config",
        after=("cfg_sales:SS+5",),
        assign=((_ARCH, 0.5), (_DEV2, 1.0)),
    ),
    T(
        "cfg_automation",
        "Flows, approval processes, reports & dashboards",
        6,
        parent="config",
        after=("cfg_sales:SS+4", "cfg_service"),
        assign=((_VENDOR, 0.5), (_DEV2, 0.5)),
        estimate=(4.0, 6.0, 10.0),
        notes="Replaces 42 Siebel workflows; 11 of them retired after the as-is review.",
    ),
    T("integ", "Integrations", parent="build"),
    T(
        "int_erp",
        "SAP S/4HANA customer & order sync via middleware",
        12,
        parent="integ",
        after=("erp_design", "sandbox"),
        assign=((_DEV1, 1.0), (_VENDOR, 0.5)),
        estimate=(10.0, 12.0, 18.0),
        done=30,
        notes="Replaces the nightly batch with near-real-time events; SAP test system shared.",
    ),
    T(
        "int_sso",
        "Single sign-on with Entra ID (SAML, MFA)",
        3,
        parent="integ",
        after=("cfg_security:SS",),
        assign=((_ARCH, 0.5), (_DEV1, 0.5)),
        notes="Conditional access: MFA for all, blocked from unmanaged devices.",
    ),
    T("migr", "Data migration", parent="build"),
    T(
        "mig_extract",
        "Extraction scripts from Siebel (Oracle DB)",
        6,
        parent="migr",
        after=("migr_strategy:SS+3",),
        assign=((_DATA, 1.0),),
        done=100,
    ),
    T(
        "mig_cleanse",
        "Data cleansing & de-duplication (accounts, contacts)",
        11,
        parent="migr",
        after=("mig_extract:SS+3",),
        assign=((_DATA, 0.5), (_BA, 0.5)),
        estimate=(8.0, 11.0, 16.0),
        done=50,
        notes="Business owners confirm merge candidates in weekly batches.",
    ),
    T(
        "mig_map_acc",
        "Transform & load scripts: accounts & contacts",
        6,
        parent="migr",
        after=("mig_cleanse:SS+5", "cfg_data_model"),
        assign=((_DATA, 0.5), (_VENDOR, 0.5)),
    ),
    T(
        "mig_map_opp",
        "Transform & load scripts: opportunities, cases & activities",
        5,
        parent="migr",
        after=("mig_map_acc:SS+2",),
        assign=((_DATA, 0.5), (_DEV1, 0.25)),
        notes="Parallel stream to accounts; needs account IDs from the first load batch.",
    ),
    T(
        "mig_trial1",
        "Trial load 1 (full volume into sandbox)",
        3,
        parent="migr",
        after=("mig_map_acc", "mig_map_opp", "mig_cleanse"),
        assign=((_DATA, 1.0), (_VENDOR, 0.5)),
    ),
    T(
        "mig_reconcile",
        "Trial load 1 reconciliation & fixes",
        4,
        parent="migr",
        after=("mig_trial1",),
        assign=((_DATA, 1.0), (_BA, 0.5), (_QA, 0.25)),
        notes="Record counts, checksums and 200 sampled records signed off by data owners.",
    ),
    T(
        "mig_trial2",
        "Trial load 2 (timed dress rehearsal)",
        2,
        parent="migr",
        after=("mig_reconcile:FS+3",),
        assign=((_DATA, 1.0), (_VENDOR, 0.5)),
        notes="Must fit the 36-hour cutover window. Right after Marek's day off (day 46).",
    ),
    T(
        "tech_docs",
        "Technical documentation & runbooks",
        8,
        parent="build",
        after=("cfg_automation:FF", "int_erp:FF+2"),
        assign=((_ARCH, 0.25), (_DEV1, 0.25)),
        notes="Admin guide, interface specs, support runbooks; finishes with the build.",
    ),
    T(
        "m_build",
        "Build complete",
        0,
        parent="build",
        after=("config", "integ", "mig_trial1", "tech_docs"),  # links from summaries
        deadline=38,
        notes="Partner milestone payment 1 is due on the contractual date (day 38).",
    ),
    # 4 Testing -----------------------------------------------------------------------------
    T("test", "Testing"),
    T(
        "test_plan",
        "Test strategy & test plan",
        5,
        parent="test",
        after=("analysis:SS+12",),  # link from a summary
        assign=((_QA, 1.0),),
        done=100,
    ),
    T(
        "test_cases",
        "Test cases & test data preparation",
        8,
        parent="test",
        after=("test_plan", "req_backlog"),
        assign=((_QA, 1.0), (_BA, 0.25)),
        done=70,
        notes="Test cases in Xray, traced to the 96 must-have stories.",
    ),
    T(
        "sit",
        "System integration testing (SIT)",
        8,
        parent="test",
        after=("m_build", "test_cases"),
        assign=((_QA, 1.0), (_DEV1, 0.5), (_DEV2, 0.5), (_VENDOR, 0.5)),
        estimate=(6.0, 8.0, 12.0),
    ),
    T(
        "perf",
        "Performance & API-limit testing",
        4,
        parent="test",
        after=("sit:SS+3",),
        assign=((_DEV2, 0.5), (_ARCH, 0.25)),
        notes="Peak: 30k SAP order events/day against the org's daily API allowance.",
    ),
    T(
        "sec_test",
        "Security & penetration test (external)",
        5,
        parent="test",
        after=("int_sso", "m_build"),
        assign=((_ARCH, 0.25),),
        fixed_cost=9500.0,
        notes="Fixed-price engagement with an accredited pen-test firm.",
    ),
    T("uat", "User acceptance testing", parent="test", after=("sit:FS-3",)),  # summary, lead
    T(
        "uat_exec",
        "UAT execution with key users (sales & service)",
        10,
        parent="uat",
        after=("mig_trial2",),
        assign=((_QA, 1.0), (_BA, 1.0), (_CHANGE, 0.25)),
        estimate=(8.0, 10.0, 15.0),
        notes="14 key users, on trial-load-2 data.",
    ),
    T(
        "uat_fix",
        "UAT defect fixing & regression",
        6,
        parent="uat",
        after=("uat_exec:SS+4",),
        assign=((_DEV1, 1.0), (_DEV2, 1.0), (_VENDOR, 0.5)),
    ),
    T(
        "uat_signoff",
        "UAT sign-off",
        0,
        parent="uat",
        after=("uat_exec", "uat_fix"),
        deadline=60,
    ),
    T(
        "rehearsal",
        "Cutover rehearsal (mock go-live)",
        2,
        parent="test",
        after=("uat_fix:FF+2", "mig_trial2"),
        assign=((_DATA, 1.0), (_ARCH, 0.5), (_PM, 0.5)),
        notes="Full runbook over a weekend, including rollback to Siebel.",
    ),
    T(
        "m_test",
        "Go/no-go decision",
        0,
        parent="test",
        after=("uat_signoff", "rehearsal", "perf", "sec_test"),
    ),
    # 5 Deployment & hypercare -------------------------------------------------------------
    T("deploy", "Deployment & hypercare"),
    T(
        "training",
        "Training & change management",
        parent="deploy",
        after=("design_signoff",),  # link to a summary
    ),
    T(
        "train_material",
        "Training materials & quick-reference guides",
        8,
        parent="training",
        after=("cfg_automation",),
        assign=((_CHANGE, 1.0), (_BA, 0.25)),
    ),
    T(
        "train_users",
        "End-user training (120 users, 8 sessions)",
        6,
        parent="training",
        after=("train_material", "uat_signoff:FS-3"),
        assign=((_CHANGE, 1.0), (_VENDOR, 0.25)),
        fixed_cost=7200.0,
        notes="Training venue with 16 laptops, two cities.",
    ),
    T(
        "data_freeze",
        "Freeze Siebel data entry (read-only mode)",
        1,
        parent="deploy",
        after=("m_test",),
        assign=((_DATA, 0.5),),
        constraint=("FNLT", 66),
        notes="Contractual: Siebel support for write operations ends on day 66.",
    ),
    T(
        "legacy_support",
        "Siebel support & hosting run-off",
        30,
        parent="deploy",
        after=("cutover:SF",),
        fixed_cost=14000.0,
        notes="Monthly extension; must not end before the cutover starts.",
    ),
    T(
        "cutover",
        "Production cutover: final delta load & switch-over",
        3,
        parent="deploy",
        after=("data_freeze", "train_users:FS-2"),
        assign=((_DATA, 1.0), (_ARCH, 1.0), (_DEV1, 0.5), (_VENDOR, 1.0)),
        estimate=(2.0, 3.0, 5.0),
    ),
    T(
        "golive",
        "Go-live",
        0,
        parent="deploy",
        after=("cutover",),
        constraint=("MSO", 68),
        notes="Date announced to 120 users; the new sales quarter starts the week after.",
    ),
    T(
        "hypercare",
        "Hypercare (4 weeks, floor-walkers & daily triage)",
        20,
        parent="deploy",
        after=("golive",),
        assign=((_VENDOR, 0.5), (_DEV1, 0.5), (_DEV2, 0.5), (_BA, 0.5)),
    ),
    T(
        "decommission",
        "Decommission Siebel & archive data",
        5,
        parent="deploy",
        after=("hypercare:SS+10", "migr"),  # link from a summary
        assign=((_DATA, 0.5), (_ARCH, 0.25)),
        notes="Archive DB to cold storage (10-year retention), cancel Siebel licences.",
    ),
    T(
        "closure",
        "Lessons learned & project closure report",
        3,
        parent="deploy",
        after=("hypercare:FS-2",),
        assign=((_PM, 1.0),),
    ),
    T("m_close", "Project closed", 0, parent="deploy", after=("closure", "decommission")),
)

del T

# --------------------------------------------------------------------------------------------
# Holidays: ("MM-DD", name) for fixed dates, ("easter+N" / "easter-N", name) for moving ones
# --------------------------------------------------------------------------------------------

HOLIDAYS: tuple[tuple[str, str], ...] = (
    ("01-01", "New Year's Day"),
    ("easter-2", "Good Friday"),
    ("easter+1", "Easter Monday"),
    ("05-01", "Labour Day"),
    ("easter+39", "Ascension Day"),
    ("easter+50", "Whit Monday"),
    ("12-25", "Christmas Day"),
    ("12-26", "Boxing Day"),
)
HOLIDAY_NAMES = HOLIDAYS  # alias

# --------------------------------------------------------------------------------------------
# Risks
# --------------------------------------------------------------------------------------------

R = DemoRisk

RISKS: tuple[DemoRisk, ...] = (
    R(
        "Legacy data quality worse than profiled",
        "threat",
        "Data",
        4,
        4,
        _DATA,
        "mitigate",
        description="More duplicate and incomplete Siebel records than cleansing can fix in time.",
        cause="15 years of free-text entry, no duplicate rules, two merged sales regions.",
        effect="Trial loads fail reconciliation; cleansing and the data freeze slip.",
        response="Weekly merge batches signed off by data owners; automated match rules; "
        "out-of-scope records archived instead of migrated.",
        trigger="Trial load 1 reconciliation error rate above 2 %.",
        tasks=("mig_cleanse", "mig_reconcile"),
        schedule_impact=6,
        cost_impact=18000.0,
        review_offset=28,
        history=(
            (4, 3, 3, "Initial assessment at kick-off."),
            (13, 4, 4, "Profiling found ~14 % duplicates and 22 % contacts without consent flag."),
        ),
    ),
    R(
        "SAP interface more complex than specified",
        "threat",
        "Technical",
        3,
        5,
        _ARCH,
        "mitigate",
        description="Customer and order sync with SAP S/4HANA needs custom mappings and retries.",
        cause="Undocumented custom fields in SAP; shared SAP test system with limited slots.",
        effect="Integration build overruns; SIT starts late; go-live at risk.",
        response="Early spike on the order-status event; book SAP test slots for weeks 6-9; "
        "daily stand-up with the SAP team.",
        trigger="Interface spike not green by day 32.",
        tasks=("int_erp", "sit"),
        schedule_impact=8,
        cost_impact=22400.0,
        review_offset=35,
        history=(
            (10, 2, 4, "Assumed standard BAPIs."),
            (24, 3, 5, "Specification found 17 custom fields and a Z-table for credit limits."),
        ),
    ),
    R(
        "Implementation partner staffing delay",
        "threat",
        "Vendor",
        5,
        2,
        _PM,
        "accept",
        description="Partner's lead solution architect not available at the start of analysis.",
        cause="Consultant still committed to another client's go-live.",
        effect="Design workshop moved to day 15; architecture started four days late.",
        response="Accepted: workshop re-sequenced after the requirements workshops; "
        "partner credited two consultant days.",
        trigger="Partner confirms the architect's start date after day 10.",
        tasks=("vendor_ws", "arch"),
        schedule_impact=4,
        cost_impact=0.0,
        status="occurred",
        review_offset=32,
    ),
    R(
        "Key users not available for UAT",
        "threat",
        "People",
        4,
        3,
        _QA,
        "mitigate",
        description="Sales and service key users are pulled back into daily business during UAT.",
        cause="UAT overlaps the end of the sales quarter; service backlog is high.",
        effect="UAT runs longer, defects found late, sign-off slips.",
        response="Book key users now with their managers' sign-off; backfill service desk "
        "with temporary staff; split UAT into two waves.",
        trigger="Fewer than 10 of 14 key users confirmed two weeks before UAT.",
        tasks=("uat_exec", "uat_signoff"),
        schedule_impact=5,
        cost_impact=8000.0,
        review_offset=40,
        history=(
            (8, 3, 3, "Raised by the service manager at kick-off."),
            (20, 4, 3, "Quarter-end confirmed to overlap UAT."),
        ),
    ),
    R(
        "Single data engineer on the migration critical path",
        "threat",
        "People",
        3,
        4,
        _PM,
        "mitigate",
        description="All migration scripts and trial loads depend on one data engineer.",
        cause="Only Marek knows the Siebel schema; planned leave in week 10.",
        effect="Illness or leave stalls the trial loads and cutover preparation.",
        response="Pair Jonas with Marek on the load scripts; scripts in Git with runbooks; "
        "partner data specialist on call.",
        trigger="Marek unavailable for more than two consecutive days.",
        tasks=("mig_trial1", "mig_reconcile", "mig_trial2", "cutover"),
        schedule_impact=5,
        review_offset=36,
        history=(
            (15, 2, 4, "Leave request approved for day 46."),
            (27, 3, 4, "Leave ends the day before trial load 2 after re-planning."),
        ),
    ),
    R(
        "Scope creep from sales leadership",
        "threat",
        "Organisational",
        3,
        3,
        _PM,
        "avoid",
        description="New requests (CPQ, territory management) arrive during build.",
        cause="Sales VP sees the new CRM as the vehicle for a sales-process redesign.",
        effect="Build grows beyond the budget; must-have stories delayed.",
        response="All changes through the change board; new features go to the phase-2 backlog.",
        trigger="A change request above 3 days of effort.",
        tasks=("cfg_sales", "cfg_automation"),
        schedule_impact=4,
        cost_impact=15000.0,
        review_offset=25,
        history=(
            (12, 2, 3, "Baseline after requirements workshops."),
            (22, 3, 3, "Two CPQ change requests raised in one week."),
        ),
    ),
    R(
        "CRM API daily limits exceeded by SAP events",
        "threat",
        "Technical",
        2,
        3,
        _DEV2,
        "mitigate",
        description="Peak order-event volume could exhaust the org's daily API allowance.",
        cause="Event-per-order design; month-end peaks of ~30k orders a day.",
        effect="Sync stops late in the day; sales see stale order status.",
        response="Bulk API for batches over 200 records; monitor API usage; buy an add-on "
        "API pack if needed.",
        trigger="Performance test uses more than 70 % of the daily allowance.",
        tasks=("int_erp", "perf"),
        schedule_impact=3,
        cost_impact=6000.0,
        review_offset=45,
    ),
    R(
        "Consent data cannot be migrated lawfully (GDPR)",
        "threat",
        "Security",
        2,
        5,
        _PM,
        "escalate",
        description="Marketing-consent records lack proof of origin for ~22 % of contacts.",
        cause="Siebel stored consent as a flag without timestamp or source.",
        effect="Contacts migrated without consent or excluded; possible regulatory exposure.",
        response="Escalated to the Data Protection Officer for a ruling on legacy consent; "
        "the project implements whatever the DPO decides.",
        trigger="DPO ruling not received by design sign-off.",
        tasks=("migr_strategy", "design_doc"),
        schedule_impact=3,
        review_offset=31,
    ),
    R(
        "Entra ID tenant not licensed for SAML SSO",
        "threat",
        "Security",
        1,
        3,
        _ARCH,
        "accept",
        description="SSO would need an Entra ID premium licence not in the budget.",
        cause="Unclear licence tier of the corporate tenant.",
        effect="Extra licence cost or delayed SSO.",
        response="Checked with IT operations: the tenant already has P1 for all users. Closed.",
        trigger="Licence check negative.",
        tasks=("int_sso",),
        status="closed",
        review_offset=20,
    ),
    R(
        "Go-live collides with quarter-end sales push",
        "threat",
        "Schedule",
        2,
        4,
        _PM,
        "avoid",
        description="A slip of over a week moves go-live into the last two weeks of the quarter.",
        cause="Sales freeze their tools in the quarter's closing weeks.",
        effect="Go-live must be postponed by a full month; extra Siebel run-off cost.",
        response="Fixed go-live date with a go/no-go gate; any slip beyond the gate moves "
        "go-live to after quarter-end rather than into it.",
        trigger="Go/no-go decision later than day 66.",
        tasks=("m_test", "golive"),
        schedule_impact=20,
        cost_impact=35000.0,
        review_offset=40,
    ),
    R(
        "Siebel support extension costs more if cutover slips",
        "threat",
        "Budget",
        4,
        1,
        _PM,
        "accept",
        description="Each extra month of Siebel support and hosting costs about EUR 14k.",
        cause="Support is extended month by month until cutover.",
        effect="Budget overrun within contingency.",
        response="Accepted: covered by contingency; monthly extension only, no annual renewal.",
        trigger="Cutover start later than day 66.",
        tasks=("legacy_support",),
        cost_impact=14000.0,
        review_offset=50,
    ),
    R(
        "Partner's pre-built SAP connector accelerator",
        "opportunity",
        "Technical",
        4,
        2,
        _ARCH,
        "exploit",
        description="The partner offers a packaged SAP connector used at two similar clients.",
        cause="Partner has productised its SAP integration.",
        effect="Saves about 3 days on the SAP integration build.",
        response="Evaluate the accelerator in the integration spike; adopt it if it covers "
        "the order-status event.",
        trigger="Accelerator demo covers at least 80 % of the interface specification.",
        tasks=("int_erp",),
        schedule_impact=3,
        cost_impact=4200.0,
        review_offset=33,
    ),
    R(
        "Early Siebel decommissioning",
        "opportunity",
        "Budget",
        2,
        2,
        _DATA,
        "enhance",
        description="Archiving Siebel two weeks into hypercare ends hosting costs sooner.",
        cause="Read-only access is rarely needed once the migrated history is verified.",
        effect="Saves one month of hosting (about EUR 7k).",
        response="Verify migrated history in hypercare week 1; prepare the archive in advance.",
        trigger="No read-only Siebel look-ups logged in hypercare week 1.",
        tasks=("decommission", "legacy_support"),
        cost_impact=7000.0,
        review_offset=60,
    ),
    R(
        "Super-user network from Sales Operations",
        "opportunity",
        "Organisational",
        3,
        2,
        _CHANGE,
        "share",
        description="Sales Ops volunteers to run floor-walking and first-level support.",
        cause="Sales Ops owns the sales process and wants early ownership of the CRM.",
        effect="Fewer partner days in hypercare; faster adoption.",
        response="Train 8 super-users in UAT; share hypercare duty with Sales Ops.",
        trigger="At least 6 super-users nominated by day 45.",
        tasks=("train_users", "hypercare"),
        schedule_impact=0,
        cost_impact=11200.0,
        review_offset=38,
    ),
)

del R


# --------------------------------------------------------------------------------------------
# Invariants (run by hand or by a test; not at import)
# --------------------------------------------------------------------------------------------


def _parse_link(link: str) -> tuple[str, str, int]:
    """Split "key", "key:SS", "key:FF+2", "key:FS-3" into (key, type, lag)."""
    import re

    m = re.fullmatch(r"([a-z][a-z0-9_]*)(?::(FS|SS|FF|SF)([+-]\d+)?)?", link)
    if m is None:
        raise AssertionError(f"malformed link {link!r}")
    return m.group(1), m.group(2) or "FS", int(m.group(3) or 0)


def _check() -> None:  # noqa: C901 - a list of assertions
    import re
    from collections import defaultdict

    # ---- resources
    names = [r.name for r in RESOURCES]
    assert len(names) == len(set(names)), "resource names not unique"
    res = {r.name: r for r in RESOURCES}
    people = [r for r in RESOURCES if r.kind == "person"]
    vendors = [r for r in RESOURCES if r.kind == "vendor"]
    assert all(r.kind in {"person", "vendor", "equipment"} for r in RESOURCES)
    assert 6 <= len(people) <= 8, len(people)
    assert len(vendors) == 1, len(vendors)
    assert all(450 <= r.rate <= 950 for r in people)
    assert all(1200 <= r.rate <= 1500 for r in vendors)
    assert any(r.leave for r in people), "someone should have leave"
    for r in RESOURCES:
        assert r.max_units > 0
        for first, last in r.leave:
            assert 0 <= first <= last, (r.name, first, last)

    # ---- tasks: keys, outline order, summaries
    keys = [t.key for t in TASKS]
    assert len(keys) == len(set(keys)), "task keys not unique"
    assert 55 <= len(TASKS) <= 65, len(TASKS)
    by_key = {t.key: t for t in TASKS}
    summaries = {t.parent for t in TASKS if t.parent is not None}
    for s in summaries:
        assert s in by_key, f"unknown parent {s!r}"
    stack: list[str] = []
    for t in TASKS:  # outline order = a valid pre-order walk
        while stack and stack[-1] != t.parent:
            stack.pop()
        if t.parent is not None:
            assert stack and stack[-1] == t.parent, f"{t.key} not directly under {t.parent}"
        if t.key in summaries:
            stack.append(t.key)
    top = [t for t in TASKS if t.parent is None]
    assert len(top) == 5 and all(t.key in summaries for t in top), "5 top-level phases"

    def depth(k: str) -> int:
        d = 1
        while by_key[k].parent is not None:
            k = by_key[k].parent  # type: ignore[assignment]
            d += 1
        return d

    deep_phases = {
        next(a for a in _ancestors(by_key, t.key) if by_key[a].parent is None)
        for t in TASKS
        if depth(t.key) >= 3
    }
    assert len(deep_phases) >= 2, deep_phases

    children: dict[str, list[str]] = defaultdict(list)
    for t in TASKS:
        if t.parent is not None:
            children[t.parent].append(t.key)

    def leaves(k: str) -> list[str]:
        if k not in summaries:
            return [k]
        out: list[str] = []
        for c in children[k]:
            out.extend(leaves(c))
        return out

    milestones = [t for t in TASKS if t.key not in summaries and t.duration == 0]
    assert 6 <= len(milestones) <= 8, [t.key for t in milestones]

    # ---- per-task fields
    for t in TASKS:
        assert 0 <= t.done <= 100, t.key
        assert t.duration >= 0, t.key
        assert t.fixed_cost >= 0, t.key
        if t.key in summaries:
            assert not t.assign and t.estimate is None and t.done == 0, t.key
        for name, units in t.assign:
            assert name in res, f"{t.key}: unknown resource {name!r}"
            assert 0.25 <= units <= min(1.0, res[name].max_units), (t.key, name, units)
        assert len({n for n, _ in t.assign}) == len(t.assign), f"{t.key}: resource twice"
        if t.estimate is not None:
            o, m, p = t.estimate
            assert 0 < o <= m <= p, (t.key, t.estimate)
            assert m == t.duration, f"{t.key}: most likely should equal duration"
        if t.constraint is not None:
            ctype, off = t.constraint
            assert ctype in {"ASAP", "ALAP", "SNET", "SNLT", "FNET", "FNLT", "MSO", "MFO"}, t.key
            assert off >= 0, t.key
        if t.deadline is not None:
            assert t.deadline >= 0, t.key
        if t.duration == 0 and t.key not in summaries:
            assert t.done in (0, 100), f"{t.key}: a milestone is done or not"

    # ---- links
    link_types: dict[str, int] = defaultdict(int)
    edges: dict[str, set[str]] = defaultdict(set)
    for t in TASKS:
        seen: set[str] = set()
        anc = set(_ancestors(by_key, t.key))
        for link in t.after:
            pk, typ, lag = _parse_link(link)
            link_types[typ] += 1
            assert pk in by_key, f"{t.key}: unknown predecessor {pk!r}"
            assert pk != t.key, f"{t.key}: links to itself"
            assert pk not in seen, f"{t.key}: {pk} linked twice"
            seen.add(pk)
            assert pk not in anc, f"{t.key}: linked from its own summary {pk}"
            assert t.key not in set(_ancestors(by_key, pk)), f"{pk}: linked to own summary"
            if t.key in summaries:
                assert typ in {"FS", "SS"}, f"{link} -> summary {t.key} must be FS or SS"
            for a in leaves(pk):
                for b in leaves(t.key):
                    edges[a].add(b)
                    if typ == "FS":
                        da, db = by_key[a].done, by_key[b].done
                        assert da >= db, f"{a} ({da} %) less done than successor {b} ({db} %)"
                        if lag >= 0 and db > 0:
                            assert da == 100, f"{b} started before its FS predecessor {a} finished"
    assert set(link_types) == {"FS", "SS", "FF", "SF"}, dict(link_types)
    assert any(_parse_link(x)[1] == "FS" and _parse_link(x)[2] < 0 for t in TASKS for x in t.after)
    assert any(t.key in summaries and t.after for t in TASKS), "no link to a summary"
    from_summary = any(_parse_link(x)[0] in summaries for t in TASKS for x in t.after)
    assert from_summary, "no link from a summary"

    # cycle check on the leaf graph (a link to/from a summary reaches all its leaves)
    indeg: dict[str, int] = {k: 0 for k in keys if k not in summaries}
    for a, bs in edges.items():
        for b in bs:
            indeg[b] += 1
    ready = [k for k, d in indeg.items() if d == 0]
    visited = 0
    while ready:
        k = ready.pop()
        visited += 1
        for b in edges.get(k, ()):
            indeg[b] -= 1
            if indeg[b] == 0:
                ready.append(b)
    cyclic = sorted(k for k, d in indeg.items() if d > 0)
    assert not cyclic, f"dependency cycle through {cyclic}"

    # ---- progress
    assert 0 < STATUS_OFFSET
    in_progress = [t.key for t in TASKS if 0 < t.done < 100]
    assert 3 <= len(in_progress) <= 5, in_progress
    assert all(20 <= by_key[k].done <= 70 for k in in_progress), in_progress
    assert all(by_key[k].done == 100 for k in leaves("init")), "initiation complete"

    # ---- holidays
    for rule, name in HOLIDAYS:
        assert name, rule
        assert re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])|easter[+-]\d+", rule), rule

    # ---- risks
    assert 12 <= len(RISKS) <= 14, len(RISKS)
    titles = [r.title for r in RISKS]
    assert len(titles) == len(set(titles)), "risk titles not unique"
    threat_strats = {"avoid", "mitigate", "transfer", "accept", "escalate"}
    opp_strats = {"exploit", "enhance", "share", "accept", "escalate"}
    for r in RISKS:
        assert r.kind in {"threat", "opportunity"}, r.title
        assert r.strategy in (threat_strats if r.kind == "threat" else opp_strats), r.title
        assert 1 <= r.probability <= 5 and 1 <= r.impact <= 5, r.title
        assert r.owner in res, f"{r.title}: unknown owner {r.owner!r}"
        assert r.status in {"open", "occurred", "closed"}, r.title
        assert r.review_offset >= 0 and r.schedule_impact >= 0 and r.cost_impact >= 0, r.title
        for k in r.tasks:
            assert k in by_key, f"{r.title}: unknown task {k!r}"
        for off, p, i, comment in r.history:
            assert 0 <= off <= STATUS_OFFSET and 1 <= p <= 5 and 1 <= i <= 5 and comment, r.title
        offs = [h[0] for h in r.history]
        assert offs == sorted(offs), r.title
        for field_ in (r.category, r.description, r.cause, r.effect, r.response, r.trigger):
            assert field_, r.title
    opps = [r for r in RISKS if r.kind == "opportunity"]
    assert 2 <= len(opps) <= 3, len(opps)
    assert sum(r.status == "occurred" for r in RISKS) == 1
    assert sum(r.status == "closed" for r in RISKS) == 1
    assert sum(1 for r in RISKS if r.history) >= 4
    assert sum(1 for r in RISKS if r.status == "open" and r.review_offset < STATUS_OFFSET) >= 2


def _ancestors(by_key: dict[str, DemoTask], key: str) -> list[str]:
    out: list[str] = []
    p = by_key[key].parent
    while p is not None:
        out.append(p)
        p = by_key[p].parent
    return out


if __name__ == "__main__":
    _check()
    print(f"ok: {len(TASKS)} tasks, {len(RESOURCES)} resources, {len(RISKS)} risks")
