foreach (var node in ModelDsl.Generated.ProjectCatalog.Instance.Nodes)
    Console.WriteLine($"{node.Relation} {node.Materialization} [{string.Join(", ", node.DependsOn)}] {node.File}:{node.Line}");
return 0;
