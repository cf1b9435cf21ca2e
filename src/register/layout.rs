//! The three layouts: which cells, under which titles, in which order (docs/register.md).
//! `art30` follows the cell table of the design; `ico` the ICO controller template's columns
//! 1–30 in order; `cnil` the blocks of the CNIL fiche. Every format lays a layout out the
//! same way, so a column means the same in CSV, XLSX, HTML and Markdown.

use super::cells::Cell;
use crate::words::register::L;

/// A layout of the register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Art30,
    Cnil,
    Ico,
}

impl Layout {
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Art30 => "art30",
            Layout::Cnil => "cnil",
            Layout::Ico => "ico",
        }
    }
}

/// A column of a table, or a line of a fiche.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub cell: Cell,
    pub title: L,
    /// The CNIL block it belongs to (`cnil` only).
    pub block: Option<L>,
}

const fn col(cell: Cell, title: L) -> Column {
    Column { cell, title, block: None }
}

const fn in_block(block: L, cell: Cell, title: L) -> Column {
    Column { cell, title, block: Some(block) }
}

static ART30: &[Column] = &[
    col(Cell::Reference, L::Reference),
    col(Cell::Name, L::Name),
    col(Cell::Description, L::Description),
    col(Cell::BusinessFunction, L::BusinessFunction),
    col(Cell::Objective, L::Objective),
    col(Cell::DataUse, L::DataUse),
    col(Cell::LegalBasis, L::LegalBasis),
    col(Cell::Art9, L::Art9Condition),
    col(Cell::Subjects, L::Subjects),
    col(Cell::Categories, L::Categories),
    col(Cell::Fields, L::Fields),
    col(Cell::Special, L::Special),
    col(Cell::Sources, L::Sources),
    col(Cell::Locations, L::Locations),
    col(Cell::Recipients, L::Recipients),
    col(Cell::Contracts, L::Contracts),
    col(Cell::Transfers, L::Transfers),
    col(Cell::Retention, L::Retention),
    col(Cell::Security, L::Security),
    col(Cell::Flags, L::Flags),
    col(Cell::ConsentRecord, L::ConsentRecord),
    col(Cell::Dpia, L::Dpia),
    col(Cell::Status, L::Status),
];

static ICO: &[Column] = &[
    col(Cell::BusinessFunction, L::Ico1),
    col(Cell::Purpose, L::Ico2),
    col(Cell::JointControllers, L::Ico3),
    col(Cell::Subjects, L::Ico4),
    col(Cell::Categories, L::Ico5),
    col(Cell::Recipients, L::Ico6),
    col(Cell::Contracts, L::Ico7),
    col(Cell::TransferCountries, L::Ico8),
    col(Cell::TransferSafeguards, L::Ico9),
    col(Cell::Retention, L::Ico10),
    col(Cell::Security, L::Ico11),
    col(Cell::LawfulBasis, L::Ico12),
    col(Cell::Art9, L::Ico13),
    col(Cell::LegitimateInterest, L::Ico14),
    col(Cell::Lia, L::Ico15),
    col(Cell::Rights, L::Ico16),
    col(Cell::Flags, L::Ico17),
    col(Cell::Sources, L::Ico18),
    col(Cell::ConsentRecord, L::Ico19),
    col(Cell::Locations, L::Ico20),
    col(Cell::DpiaRequired, L::Ico21),
    col(Cell::DpiaStatus, L::Ico22),
    col(Cell::DpiaLink, L::Ico23),
    col(Cell::Breach, L::Ico24),
    col(Cell::BreachLink, L::Ico25),
    col(Cell::Schedule1, L::Ico26),
    col(Cell::LawfulBasis, L::Ico27),
    col(Cell::RetentionPolicy, L::Ico28),
    col(Cell::RetentionPolicyFollowed, L::Ico29),
    col(Cell::RetentionPolicyDeviation, L::Ico30),
];

static CNIL: &[Column] = &[
    in_block(L::BlockHeader, Cell::Reference, L::Reference),
    in_block(L::BlockHeader, Cell::Name, L::CnilName),
    in_block(L::BlockHeader, Cell::Software, L::CnilSoftware),
    in_block(L::BlockHeader, Cell::Created, L::CnilCreated),
    in_block(L::BlockHeader, Cell::Updated, L::CnilUpdated),
    in_block(L::BlockActors, Cell::Controller, L::Controller),
    in_block(L::BlockActors, Cell::Dpo, L::Dpo),
    in_block(L::BlockActors, Cell::Representative, L::Representative),
    in_block(L::BlockActors, Cell::JointControllers, L::JointControllers),
    in_block(L::BlockActors, Cell::BusinessFunction, L::BusinessFunction),
    in_block(L::BlockPurposes, Cell::MainPurpose, L::CnilMainPurpose),
    in_block(L::BlockPurposes, Cell::DataUse, L::CnilSubPurpose),
    in_block(L::BlockPurposes, Cell::Objective, L::Objective),
    in_block(L::BlockPurposes, Cell::LegalBasis, L::LegalBasis),
    in_block(L::BlockSubjects, Cell::Subjects, L::CnilSubjects),
    in_block(L::BlockData, Cell::Categories, L::CnilCategories),
    in_block(L::BlockData, Cell::Fields, L::Fields),
    in_block(L::BlockData, Cell::Special, L::CnilSensitive),
    in_block(L::BlockData, Cell::Art9, L::Art9Condition),
    in_block(L::BlockData, Cell::Sources, L::Sources),
    in_block(L::BlockRetention, Cell::Retention, L::CnilRetention),
    in_block(L::BlockRecipients, Cell::RecipientsInternal, L::CnilInternal),
    in_block(L::BlockRecipients, Cell::RecipientsExternal, L::CnilExternal),
    in_block(L::BlockRecipients, Cell::RecipientsProcessors, L::CnilProcessors),
    in_block(L::BlockRecipients, Cell::Contracts, L::Contracts),
    in_block(L::BlockTransfers, Cell::TransferAny, L::CnilTransfersOut),
    in_block(L::BlockTransfers, Cell::TransferRecipients, L::CnilTransferRecipient),
    in_block(L::BlockTransfers, Cell::TransferCountries, L::CnilTransferCountry),
    in_block(L::BlockTransfers, Cell::TransferSafeguards, L::CnilTransferSafeguard),
    in_block(L::BlockTransfers, Cell::TransferLinks, L::CnilTransferLink),
    in_block(L::BlockSecurity, Cell::Security, L::CnilSecurity),
    in_block(L::BlockDpia, Cell::DpiaRequired, L::CnilDpiaNeeded),
    in_block(L::BlockDpia, Cell::DpiaStatus, L::CnilDpiaStatus),
    in_block(L::BlockDpia, Cell::DpiaLink, L::CnilDpiaLink),
];

/// The columns of a layout, in order.
pub fn columns(layout: Layout) -> &'static [Column] {
    match layout {
        Layout::Art30 => ART30,
        Layout::Cnil => CNIL,
        Layout::Ico => ICO,
    }
}

/// Consecutive columns of the same block: `(block, columns)`; one unnamed group outside
/// the CNIL layout.
pub fn blocks(layout: Layout) -> Vec<(Option<L>, &'static [Column])> {
    let cols = columns(layout);
    let mut out: Vec<(Option<L>, &'static [Column])> = Vec::new();
    let mut start = 0;
    for i in 1..=cols.len() {
        if i == cols.len() || cols[i].block != cols[start].block {
            out.push((cols[start].block, &cols[start..i]));
            start = i;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ICO layout has the template's 30 columns (26–30: the DPA 2018 block); the CNIL one has its eight blocks
    /// (plus the header and the DPIA) in the fiche's order.
    #[test]
    fn shapes() {
        assert_eq!(columns(Layout::Ico).len(), 30);
        let cnil: Vec<L> = blocks(Layout::Cnil).iter().filter_map(|(b, _)| *b).collect();
        assert_eq!(
            cnil,
            [
                L::BlockHeader,
                L::BlockActors,
                L::BlockPurposes,
                L::BlockSubjects,
                L::BlockData,
                L::BlockRetention,
                L::BlockRecipients,
                L::BlockTransfers,
                L::BlockSecurity,
                L::BlockDpia
            ]
        );
        assert_eq!(blocks(Layout::Art30).len(), 1);
    }
}
