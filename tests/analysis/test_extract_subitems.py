"""Sub-items under a heading that only groups them (Irish council and partnership committee minutes)."""

from __future__ import annotations

from traction_analysis.document import Document, TextBlock
from traction_analysis.extract.engine import extract


def rules(text: str) -> list[tuple[str | None, str]]:
    blocks = [TextBlock(line.strip(), None, n) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    document = Document("minutes.txt", "text", blocks)  # type: ignore[arg-type]
    return [(item.number, item.title) for item in extract(document, None).items]


DECIMAL_ALONE = """
The Chairperson welcomed all present to the meeting.
1. Confirmation of Draft Minutes
1.1 Confirmation of Minutes of the Municipal District meeting held on 18th December, 2025
The Minutes were taken as read and adopted.
2. Business Prescribed by Statute, Standing Orders or Resolution of the
Municipal District Members
2.1 Part VIII of the Planning and Development Regulations, 2001
Mr. Barrett presented details of the scheme to the Members.
3. Consideration of Reports and Recommendations
3.1
Municipal District Engineer's Report
Mr. Harrington presented his report to the Members.
3.2
Housing Report
Mr. Barrett presented his report to the Members.
4.0
Notices of Motion
There were no Notices of Motion.
5.0
Correspondence
There was no correspondence.
"""


def test_decimal_numbers_alone_on_their_line_are_items_under_their_section():
    found = rules(DECIMAL_ALONE)
    assert [number for number, _ in found] == ["1.1", "2.1", "3.1", "3.2", "4.0", "5.0"]
    assert found[2][1] == "Municipal District Engineer's Report"
    assert found[4][1] == "Notices of Motion"


LETTERED = """
3. Correspondence
4. Funding Streams Update
a. Healthy Ireland Fund round 3: T Power circulated report to committee for information.
b. CEP 2019 & CEP Men's Shed Allocation update: T Power circulated report to the committee.
5. SICAP
a) Sicap Annual Plan 2020 update
The annual plan was presented to the committee.
b) Timelines for SICAP End of Year review
The timelines were noted.
6. A.O.B.
a) L Owens confirmed the launch of the Sensory Hour is the 8th of December 2019.
b) C Kennedy confirmed that World Aids day park run is coming up.
"""


def test_discussed_lettered_entries_under_a_grouping_heading_are_items():
    found = rules(LETTERED)
    assert [title for _, title in found] == [
        "Correspondence",
        "Healthy Ireland Fund round 3",
        "CEP 2019 & CEP Men's Shed Allocation update",
        "Sicap Annual Plan 2020 update",
        "Timelines for SICAP End of Year review",
        "A.O.B",
    ]


def test_a_standing_items_lettered_points_stay_in_it():
    found = rules(
        """
1. Minutes of the November meeting
These were moved as correct.
2. Matters arising
a) Use of the hall
Esme will contact the hall about a drop-in surgery.
b) Community Space
Hannah will come back to this issue.
3. Chair's report
The Chair reported on the year.
"""
    )
    assert [number for number, _ in found] == ["1", "2", "3"]


def test_an_outline_of_points_with_nothing_under_them_is_one_item():
    found = rules(
        """
1. Welcome to members
2. Police reports
3. Community updates
a. Police Scotland
b. Clyde Marine Unit
c. Residents' Association
4. Any other business
"""
    )
    assert [number for number, _ in found] == ["1", "2", "3", "4"]


def test_a_superscript_split_from_its_number_is_an_address_not_an_item():
    found = rules(
        """
Corporate, Community & Cultural Affairs Directorate
3
rd Floor, City Hall, Cork.
1. Welcome and Apologies.
The Chairperson welcomed members.
2. Declaration/conflict of interest.
None declared.
3. Development Plan Submission.
The submission was discussed.
"""
    )
    assert [number for number, _ in found] == ["1", "2", "3"]


def test_the_last_name_of_an_attendance_list_is_not_a_preamble_heading():
    found = rules(
        """
Officials:
Tadhg Madden, A/Senior Executive Officer
John Daly, Senior Executive Engineer
The Chairperson welcomed all present to the meeting.
1. Confirmation of Minutes
The minutes were adopted.
2. Correspondence
There was no correspondence.
"""
    )
    assert [number for number, _ in found] == ["1", "2"]


RUN_IN_ACTIONED = """
5. Public Open Forum
A resident asked about the play park and was thanked for attending.
6. Updates
(a) Bank accounts The bank is now charging the council a monthly fee for the account and
it was agreed to continue paying the fee.
Action: Treasurer to submit online banking paperwork.
(b) Planning Two applications for flats were received and members discussed them.
Action: Members to review the applications and submit comments.
(c) Messaging Social media posts have resumed and attract new followers each month.
Action: Secretary to invite residents to send in photographs.
7. Next Meeting
Thursday 9 October at 7pm.
"""


def test_lettered_entries_running_into_their_text_are_items_when_each_carries_an_action():
    found = rules(RUN_IN_ACTIONED)
    assert [number for number, _ in found] == ["5", "6a", "6b", "6c", "7"]
    assert found[1][1].startswith("Bank accounts")


def test_run_in_lettered_points_without_actions_of_their_own_stay_in_their_item():
    text = RUN_IN_ACTIONED.replace("Action: Members to review the applications and submit comments.\n", "")
    text = text.replace("Action: Secretary to invite residents to send in photographs.\n", "")
    assert [number for number, _ in rules(text)] == ["5", "6", "7"]


def test_a_voted_entry_whose_title_opens_with_a_year_keeps_its_place_in_the_sequence():
    found = rules(
        """
4. ADOPTION OF MINUTES
MOTION: THAT the minutes be adopted as presented.
MOTION CARRIED.
5. BUSINESS ARISING
5.1 Information Requests Report
The committee met to review submissions for the new branch.
MOTION: THAT the Board receive the Information Requests Report.
MOTION CARRIED.
5.2 2026 to 2028 Business Plan
The top priorities for each year were provided for information.
MOTION: THAT the Board instruct staff to bring back targets for the year.
MOTION CARRIED.
5.3 Library Locations
The CEO reviewed the report on library locations.
MOTION: THAT staff bring back a report on library services.
MOTION CARRIED.
6. CORRESPONDENCE
There was none.
"""
    )
    assert [number for number, _ in found] == ["4", "5.1", "5.2", "5.3", "6"]


def test_a_heading_wrapped_over_a_narrow_column_still_opens_onto_its_lettered_entries():
    found = rules(
        """
FGB 102/2122 Declaration of interests
None were declared.
FGB 103/2122 Urgent business
brought forward at
the discretion of the
Chair
a. Education Recovery. Simon introduced the paper from the DfE on recovery funding.
Governors asked about access to the support offered.
b. Caretaker's Pay. It was agreed that the Headteacher agree the increase when the
final information is available.
c. Partnership Working Group. Deferred to the next meeting.
FGB 104/2122 Headteacher's Update
Heather introduced her update.
"""
    )
    assert [number for number, _ in found] == ["102/2122", "103/2122a", "103/2122b", "103/2122c", "104/2122"]


def test_sub_item_numbers_printed_in_a_column_of_their_own_head_the_titles_after_them_in_order():
    found = rules(
        """
3. Consideration of Reports and Recommendations
3.1 Draft Town Centre First Plan
The Town Regeneration Officer circulated copies of the draft plan and gave a presentation.
Proposed: Cllr. T. Kinsella
Seconded: Cllr. W. Quinn
3.2
3.3
3.4
District Office
Community Support Centres
The Senior Executive Officer gave details of the nine designated support centres in the county.
Annual Service Delivery Plan 2026 - Roads
The Senior Executive Engineer gave a presentation and a brief overview of the allocations.
District Office
Housing Report
The Senior Executive Officer, Housing, gave a brief update on the housing progress report.
4. Notices of Motion
None.
"""
    )
    assert found == [
        ("3.1", "Draft Town Centre First Plan"),
        ("3.2", "Community Support Centres"),
        ("3.3", "Annual Service Delivery Plan 2026 – Roads"),
        ("3.4", "Housing Report"),
        ("4", "Notices of Motion"),
    ]
