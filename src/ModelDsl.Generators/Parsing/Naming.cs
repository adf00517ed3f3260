using System.Linq;
using System.Text;

namespace ModelDsl.Generators.Parsing
{
    internal static class Naming
    {
        /// <summary>Letters, digits and underscores, not starting with a digit: a SQL identifier that needs no quoting, a
        /// word a selector can name and a safe file name.</summary>
        public static bool IsIdentifier(string? name) =>
            !string.IsNullOrEmpty(name) && !char.IsDigit(name![0]) && name.All(c => c == '_' || (c < 128 && char.IsLetterOrDigit(c)));

        /// <summary><c>StgUsers</c> → <c>stg_users</c>; <c>MauByRegion</c>/<c>MAUByRegion</c> → <c>mau_by_region</c>.</summary>
        public static string SnakeCase(string name)
        {
            var builder = new StringBuilder(name.Length + 8);
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (char.IsUpper(c) && i > 0)
                {
                    var previous = name[i - 1];
                    var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                    if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                        builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            return builder.ToString();
        }
    }
}
