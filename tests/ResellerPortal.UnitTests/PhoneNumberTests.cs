using ResellerPortal.Domain;

namespace ResellerPortal.UnitTests;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+442079460000", "+442079460000")]
    [InlineData("+44 20 7946-0000", "+442079460000")]
    [InlineData("0044 20 7946 0000", "+442079460000")]
    [InlineData("+1 (555) 123-4567", "+15551234567")]
    [InlineData("442079460000", null)]        // no +: not E.164
    [InlineData("+0442079460000", null)]      // country codes never start with 0
    [InlineData("+1234567890123456", null)]   // 16 digits: too long
    [InlineData("+1234567", null)]            // 7 digits: too short
    [InlineData("+44207946000a", null)]
    [InlineData("+442079460000\n", "+442079460000")]
    [InlineData("", null)]
    public void Numbers_are_normalised_to_E164_or_refused(string input, string? expected) =>
        Assert.Equal(expected, PhoneNumber.NormalizeE164(input));
}
