"""US and Canadian numbering conventions: outline numerals, register numbers, lettered motions."""

from __future__ import annotations

from traction_analysis.document import Document, TextBlock
from traction_analysis.extract.lines import prepare_lines
from traction_analysis.extract.segment import segment


def items(text: str) -> list[tuple[str | None, str]]:
    blocks = [TextBlock(line.strip(), None, n) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    lines = prepare_lines(Document("minutes.txt", "text", blocks))  # type: ignore[arg-type]
    return [(part.number, part.title) for part in segment(lines)]


def test_roman_numerals_alone_head_items_with_the_title_on_the_next_line() -> None:
    found = items(
        """MINUTES
        BOARD OF DIRECTORS MEETING
        I.
        Call to Order
        Chair Bouquet called the meeting to order at 5:30 p.m.
        II.
        Pledge of Allegiance
        Lead by Director Gutschenritter.
        III.
        Land Acknowledgement
        Read by Director Whitmore.
        IV. Chair's Report
        The Chair reported on the retreat.
        """
    )
    assert found == [
        ("I", "Call to Order"),
        ("II", "Pledge of Allegiance"),
        ("III", "Land Acknowledgement"),
        ("IV", "Chair's Report"),
    ]


def test_capital_letters_in_order_head_items() -> None:
    found = items(
        """A. Call to Order
        Committee Chair Harwick called the meeting to order at 5:31 p.m.
        B. Public Comment
        None.
        C. Other Matters
        Directors spoke.
        D. Adjourn
        The meeting adjourned at 9:15 p.m.
        """
    )
    assert [number for number, _ in found] == ["A", "B", "C", "D"]


def test_a_lone_initial_is_no_outline() -> None:
    found = items(
        """1. Minutes
        The minutes were approved.
        A. Smith reported on the fete.
        2. Finance
        The accounts were received.
        """
    )
    assert [number for number, _ in found] == ["1", "2"]


def test_register_numbers_before_the_agenda_number_head_items() -> None:
    found = items(
        """99-464 1. ROLL CALL: Present: Daniels, Coleman, Flagg.
        99-465 2. APPROVING AGENDA, AS PRESENTED AND/OR, AS AMENDED:
        Moved by McPherson to adopt. Motion Carried 7-0.
        99-466 3. APPROVING CONSENT AGENDA - items 3 through 47:
        Moved by McPherson to adopt. Motion Carried 7-0.
        99-467 4. Communication from Legal Department regarding License and Permit Agenda.
        """
    )
    assert [number for number, _ in found] == ["99-464", "99-465", "99-466", "99-467"]
    assert found[1][1].startswith("APPROVING AGENDA")


def test_resolution_numbers_with_movers_head_items_and_their_numbered_clauses_do_not() -> None:
    found = items(
        """R2024-231 S. Foote, S. Kirkey:
        That the minutes of the regular Council Meeting held November 12, 2024 be adopted. Carried.
        R2024-232 S. Foote, S. Kirkey:
        BE IT RESOLVED THAT:
        1. Royal Bank of Canada is appointed banker for the Township.
        2. Any one of Mayor or Deputy Mayor may sign.
        Carried.
        R2024-233 J. Scott, S. Kirkey:
        THAT the Administrative Office will be closed on December 18, 2024. Carried.
        """
    )
    assert [number for number, _ in found] == ["R2024-231", "R2024-232", "R2024-233"]


def test_lettered_motions_under_a_heading_are_items_and_the_heading_groups_them() -> None:
    found = items(
        """3) Minutes
        a) Motion made by Trustee Baskin, seconded by Trustee Raymond, that the minutes be approved.
        Ayes All
        4) Motions/Resolutions for Consideration/Vote
        a) Motion made by Trustee Price-Bush, seconded by Trustee Raymond, that Daryl St. Louis be
        appointed to the position of Mechanic.
        Ayes All
        b) Motion made by Trustee Baskin, seconded by Trustee Raymond, accepting the resignation of
        John Battenfield from the Planning Board.
        Ayes All
        5) Mayor's Announcements
        None.
        """
    )
    assert [number for number, _ in found] == ["3", "4a", "4b", "5"]


def test_a_consent_agenda_approved_in_one_motion_stays_one_item() -> None:
    found = items(
        """5. Consent Agenda
        a. Approve minutes of the March 18, 2020 Regular Board Meeting
        b. Receive and file Financial Reports for February and March
        c. Approve revisions to the Wage Scale effective July 1, 2020.
        Trustee Lezon moved to approve the Consent Agenda. Trustee Stull seconded.
        Ayes – all. Nays – None
        6. Director's Report
        The Director reported on the closure.
        """
    )
    assert [number for number, _ in found] == ["5", "6"]


def test_a_lone_figure_far_past_the_sequence_is_no_item() -> None:
    found = items(
        """5. Consent Agenda
        j. Approve Payment of Bills Including Electronic Payments and Checks 7594-
        7623.
        Trustee Lezon moved to approve the Consent Agenda.
        6. Regular Agenda – none
        7. Unfinished Business – none
        """
    )
    assert [number for number, _ in found] == ["5", "6", "7"]


def test_capital_letters_under_roman_sections_are_the_items_and_the_section_groups_them() -> None:
    found = items(
        """I. CALL TO ORDER
        Board President Bishop called the meeting to order at 2:00.
        II. MANAGER'S REPORT
        The written Manager's Report is incorporated into the minutes.
        III. NEW BUSINESS
        A. SDIS Property Insurance
        Cuellar provided the commissioners with the new proposed SDIS property insurance.
        B. Audit Recommendations
        Tony Wilder, the Port's auditor, provided a list of recommendations.
        V. ADJOURNMENT
        Bishop adjourned the meeting at 4:15.
        """
    )
    assert [title for _, title in found] == [
        "CALL TO ORDER",
        "MANAGER'S REPORT",
        "SDIS Property Insurance",
        "Audit Recommendations",
        "ADJOURNMENT",
    ]


def test_dashed_run_in_headings_head_unnumbered_minutes_and_a_roll_call_does_not() -> None:
    found = items(
        """APPROVAL OF MINUTES:
        Motion to approve the minutes was made by Trustee Piacentini, seconded by Trustee Hawkins.
        Building and Grounds – Trustee Elton mentioned there were a lot of items. A motion was made by
        Trustee Elton, seconded by Trustee Piacentini. Roll Call was taken as follows: Trustee Elton –
        Trustee Albrecht – yes, Trustee Piacentini – yes, Trustee Hawkins – yes. Motion passes.
        Youth – Trustee Albrecht stated that she is moving the Christmas toys.
        CORRESPONDENCE –
        October 9,
        2024.
        """
    )
    assert [title for _, title in found] == [
        "APPROVAL OF MINUTES",
        "Building and Grounds",
        "Youth",
        "CORRESPONDENCE",
    ]


def test_entries_numbered_from_the_heading_with_their_own_motions_are_items() -> None:
    found = items(
        """6. CORRESPONDENCE
        6.1 Library Articles
        6.2 Promotional Articles about VPL
        MOTION: THAT the Board receive the items of correspondence.
        MOVED BY: M. Iafrate
        SECONDED BY: P. Puri
        MOTION CARRIED.
        7. FINANCES
        7.1 Accounts Paid for November 2013
        MOTION: THAT the Board receive the Accounts Paid for November 2013.
        MOVED BY: M. Iafrate
        MOTION CARRIED.
        8. REPORTS
        8.1 Management Report for November 2013
        MOTION: THAT the Board receive the Management Reports for November 2013.
        MOVED BY: I. Ferrara
        MOTION CARRIED.
        8.2 Project Update – Civic Centre Resource Library
        MOTION: THAT the Board receive the project update.
        MOVED BY: S. Rosen
        MOTION CARRIED.
        9. NEW BUSINESS
        None.
        """
    )
    assert [number for number, _ in found] == ["6", "7.1", "8.1", "8.2", "9"]


def test_entries_lettered_after_a_hyphen_are_items_titled_from_the_next_line() -> None:
    found = items(
        """5. ORAL COMMUNICATIONS: None
        6. CONSENT CALENDAR:
        6-A: 2015-1463
        Make a Determination of Consistency of the Proposed Capital Budget with the General Plan
        Board Member Knox White motioned to approve the consent calendar.
        7. REGULAR AGENDA ITEMS:
        7-A. 2015-1467
        Public Workshop on the Alameda Point Site A Development Plan
        Staff presented the plan.
        7-B. Public Hearing to Consider the Design Review
        The Board opened public comment.
        8. ADJOURNMENT: President Henneberry adjourned the meeting.
        """
    )
    assert [number for number, _ in found] == ["5", "6-A", "7-A", "7-B", "8"]
    assert found[2][1].startswith("Public Workshop")
