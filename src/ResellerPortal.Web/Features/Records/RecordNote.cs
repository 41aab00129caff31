using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ResellerPortal.Web.Features.Records;

/// <summary>A refused note carried back to the record's page (the notes form posts elsewhere and redirects), for its panel.</summary>
public sealed record RecordNote(string? Text, string? Error)
{
    public static RecordNote From(ITempDataDictionary tempData) => new(tempData["NoteText"] as string, tempData["NoteError"] as string);
}
