//! Typed indices into the model's entity lists: a `FieldId` cannot be used as a `StoreId`.
//! They are also the node indices of the lineage graph.

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            pub fn new(index: usize) -> $name {
                $name(u32::try_from(index).expect("fewer than 4 billion entities"))
            }

            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )+};
}

id_type!(
    /// A team.
    TeamId,
    /// An objective.
    ObjectiveId,
    /// A subject category, built in or declared.
    SubjectId,
    /// A store.
    StoreId,
    /// A field of a store.
    FieldId,
    /// A flow.
    FlowId,
    /// A purpose.
    PurposeId,
);
