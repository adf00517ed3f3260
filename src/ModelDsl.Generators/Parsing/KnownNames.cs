namespace ModelDsl.Generators.Parsing
{
    /// <summary>Metadata names of the DSL types the generator matches (they live in src/ModelDsl).</summary>
    internal static class KnownNames
    {
        public const string SqlModel = "ModelDsl.SqlModel";
        public const string SourceTable = "ModelDsl.SourceTable";
        public const string SeedTable = "ModelDsl.SeedTable";
        public const string SqlTest = "ModelDsl.SqlTest";
        public const string SqlAnalysis = "ModelDsl.SqlAnalysis";

        public const string Staging = "ModelDsl.StagingAttribute";
        public const string Intermediate = "ModelDsl.IntermediateAttribute";
        public const string Dimension = "ModelDsl.DimensionAttribute";
        public const string Fact = "ModelDsl.FactAttribute";
        public const string Snapshot = "ModelDsl.SnapshotAttribute";
        public const string Utility = "ModelDsl.UtilityAttribute";
        public const string Source = "ModelDsl.SourceAttribute";
        public const string Seed = "ModelDsl.SeedAttribute";
        public const string DataTest = "ModelDsl.DataTestAttribute";
        public const string Analysis = "ModelDsl.AnalysisAttribute";

        public const string View = "ModelDsl.ViewAttribute";
        public const string Table = "ModelDsl.TableAttribute";
        public const string Ephemeral = "ModelDsl.EphemeralAttribute";
        public const string Incremental = "ModelDsl.IncrementalAttribute";
        public const string Scd2 = "ModelDsl.Scd2Attribute";

        public const string Column = "ModelDsl.ColumnAttribute";
        public const string ColumnTest = "ModelDsl.ColumnTestAttribute";
        public const string References = "ModelDsl.ReferencesAttribute`1";
        public const string ModelTest = "ModelDsl.ModelTestAttribute";

        /// <summary>The attributes that make a class a node: each has its own pipeline.</summary>
        public static readonly string[] Markers = { Staging, Intermediate, Dimension, Fact, Snapshot, Utility, Source, Seed, DataTest, Analysis };
    }
}
