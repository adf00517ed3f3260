namespace ModelDsl.Runtime;

/// <summary>What, if anything, exists in the warehouse under a relation name.</summary>
public enum RelationType
{
    None,
    Table,
    View,
}
